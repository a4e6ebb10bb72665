# Wait-Job waits for all the jobs and writes them; -Any writes the first finished one (in the order given);
# -Timeout ends the wait quietly, writing nothing, and the jobs go on.
$slow = Start-ThreadJob { Start-Sleep 30 } -Name slow
$fast = Start-ThreadJob { 'fast' } -Name fast
$timedOut = @(Wait-Job $slow -Timeout 1)
"timed out: $($timedOut.Count) written, $($slow.State)"
(Wait-Job $slow, $fast -Any).Name
"-Timeout 0: $(@(Wait-Job $fast -Timeout 0).Count) written"
Stop-Job $slow
(Wait-Job -Name slow, fast).Name -join ','
$done = Start-ThreadJob { 1 } | Wait-Job
"piped: $($done.State)"
Start-Job { 'still receivable' } | Wait-Job | Receive-Job
(Wait-Job -State Completed).Count
