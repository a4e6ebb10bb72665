foreach ($n in 1, 5, 10) {
    if ($n -lt 3) { "$n small" }
    elseif ($n -lt 7) { "$n medium" }
    else { "$n large" }
}
