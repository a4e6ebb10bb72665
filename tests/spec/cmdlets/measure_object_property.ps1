$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$m = $e | Measure-Object -Property Years -Sum -Maximum
$m.Count
$m.Sum
$m.Maximum
$m.Property
(1..7 | Measure-Object).Count
