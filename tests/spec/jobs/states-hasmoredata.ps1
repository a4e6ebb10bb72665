# State and HasMoreData through a job's life. A background job's HasMoreData stays True until everything is
# received; Receive-Job -Keep leaves the data; a thread job counts Output/Error/Warning/Verbose/Debug/Progress
# (not Information), and a queued thread job is NotStarted.
$j = Start-Job { 'a'; 'b' }
$null = Wait-Job $j
"$($j.State) $($j.HasMoreData) child: $($j.ChildJobs[0].State) $($j.ChildJobs[0].HasMoreData)"
Receive-Job $j -Keep
"after -Keep: $($j.HasMoreData)"
Receive-Job $j
"after Receive-Job: $($j.HasMoreData) $($j.ChildJobs[0].HasMoreData)"
"again: $(@(Receive-Job $j).Count) objects"
"PSJobTypeName '$($j.PSJobTypeName)' / '$($j.ChildJobs[0].PSJobTypeName)', Location $($j.Location)"
"times: $($j.PSBeginTime -is [datetime]) $($j.PSEndTime -ge $j.PSBeginTime)"

$empty = Start-Job { }
$null = Wait-Job $empty
"no output: $($empty.State) $($empty.HasMoreData)"

$h = Start-ThreadJob { Write-Host 'to the host' }
$null = Wait-Job $h
"thread job with only Write-Host: $($h.State) $($h.HasMoreData) $($h.Information.Count)"
$w = Start-ThreadJob { Write-Warning 'careful' }
$null = Wait-Job $w
"thread job with a warning: $($w.HasMoreData)"
"$($w.PSJobTypeName) $($w.Location) $($w.ChildJobs.Count) children"

$first = Start-ThreadJob { Start-Sleep 30 } -ThrottleLimit 1
$queued = Start-ThreadJob { 'queued' }
"queued: $($queued.State) $($queued.HasMoreData)"
Stop-Job $first
$null = Wait-Job $queued
"after the first stopped: $($first.State), queued job $($queued.State)"
Receive-Job $queued
