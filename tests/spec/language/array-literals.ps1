$a = 1, 2, 3
$a.Count
$a.GetType().Name
$e = @()
$e.Count
$one = @(7)
$one.Count
$u = ,5
$u.Count
$nested = ,(1, 2)
$nested.Count
$nested[0].Count
