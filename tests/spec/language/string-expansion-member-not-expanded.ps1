$s = 'abc'
$a = 1, 2, 3
"$s.Length"
"$a[0]"
"$($s.Length)"
