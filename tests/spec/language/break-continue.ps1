foreach ($i in 1..10) {
    if ($i % 2 -eq 0) { continue }
    if ($i -gt 7) { break }
    $i
}
