$m = 1, 2, 3, 4 | Measure-Object -AllStats
$m.Average
$m.StandardDeviation
$m.Sum
