$a, $b = 1, 2
"a=$a b=$b"
$first, $rest = 1, 2, 3, 4
$first
$rest -join ','
$x, $y, $z = 'only', 'two'
"z is null: $($null -eq $z)"
$a, $b = $b, $a
"a=$a b=$b"
