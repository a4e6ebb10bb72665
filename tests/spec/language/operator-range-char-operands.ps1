# chars on both ends give chars; one-letter digit strings give numbers
$r = [char]'x'..[char]'z'
$r -join ','
$r[0].GetType().Name
$d = [char]'1'..[char]'3'
$d[2].GetType().Name
$n = '1'..'3'
$n[2].GetType().Name
$m = [char]'b'..'d'
"$m $($m[1].GetType().Name)"
