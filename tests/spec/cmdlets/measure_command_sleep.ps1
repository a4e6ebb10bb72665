$t = Measure-Command { Start-Sleep -Milliseconds 200 }
$t.TotalMilliseconds -ge 190
$t -is [timespan]
$n = 0
$null = 1..3 | Measure-Command { $n += $_ }
$n
