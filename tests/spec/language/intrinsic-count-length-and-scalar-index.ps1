$null.Count
$null.Length
(5).Count
'abc'.Count
'abc'.Length
(2)[0]
(2)[-1]
$null -eq (2)[1]
