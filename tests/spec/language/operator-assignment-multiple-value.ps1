# the value of a multiple assignment is what each target received
$v = $first, $rest = 1, 2, 3
$v.Count
$first
$v[1] -join '+'
$w = ($a, $b, $c = 'x', 'y')
"[$($w -join '|')] [$c]"
