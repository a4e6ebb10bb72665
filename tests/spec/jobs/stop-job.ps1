# Stop-Job moves a running job to Stopped; what it wrote before stays receivable. -PassThru writes the jobs.
$j = Start-Job { 'first'; Start-Sleep 30; 'never' }
while (-not @(Receive-Job $j -Keep).Count) { Start-Sleep -Milliseconds 20 }
$stopped = Stop-Job $j -PassThru
"$($stopped.Id) $($stopped.State) / child $($j.ChildJobs[0].State)"
Receive-Job $j
"HasMoreData: $($j.HasMoreData)"
$t = Start-ThreadJob { 'one'; Start-Sleep 30; 'two' }
while (-not $t.HasMoreData) { Start-Sleep -Milliseconds 20 }
Stop-Job -Id $t.Id
"$($t.State) $($t.HasMoreData)"
Receive-Job $t
Stop-Job $t -PassThru | ForEach-Object { "already stopped: $($_.Name) $($_.State)" }
Get-Job -State Stopped | ForEach-Object Name
