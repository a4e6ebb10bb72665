$a = 1, 2
$b = $a + 3
$b.Count
$b -join ','
(1, 2) * 2 -join ','
(@(1, 2) + @(3, 4)).Count
$a.Count
