$h = [ordered]@{ c = 3; a = 1; b = 2 }
$h.Keys
$h.Values -join ','
$h[0]
