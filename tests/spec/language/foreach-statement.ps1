$sum = 0
foreach ($n in 1..5) { $sum += $n }
$sum
foreach ($c in 'a', 'b') { "letter $c" }
foreach ($x in $null) { 'never runs' }
'done'
