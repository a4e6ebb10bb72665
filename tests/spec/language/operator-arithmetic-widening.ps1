$big = [int]::MaxValue + 1
$big
$big.GetType().Name
(512mb * 512mb).GetType().Name
([long]::MaxValue + 1).GetType().Name
(6 / 3).GetType().Name
(7 / 2).GetType().Name
(2 + 3.1).GetType().Name
