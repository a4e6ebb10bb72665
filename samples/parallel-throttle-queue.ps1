# ThrottleLimit queues the rest: 10 items at -ThrottleLimit 3 run in waves of three.
# Each block reports when it started, in seconds after the first block began.
$starts = [System.Collections.Concurrent.ConcurrentBag[datetime]]::new()
$results = 1..10 | ForEach-Object -Parallel {
    $now = [DateTime]::Now
    ($using:starts).Add($now)
    $began = $now
    Start-Sleep -Milliseconds 500
    [pscustomobject]@{ Item = $_; Began = $began }
} -ThrottleLimit 3
$first = ($starts | Measure-Object -Minimum).Minimum
$results = $results | Select-Object Item, @{ Name = 'StartedAfter'; Expression = { [math]::Round(($_.Began - $first).TotalSeconds, 1) } }
$results | Sort-Object Item | Format-Table -AutoSize
# Never more than three blocks ran at once:
"Started in the first 0.4 s: " + @($results | Where-Object StartedAfter -lt 0.4).Count
