# Remove-Job refuses a job that is not finished unless -Force is given, and refuses child jobs.
$t = Start-ThreadJob { Start-Sleep 30 }
Remove-Job $t
Remove-Job -Id 1
Remove-Job -Name Job1
"still there: $((Get-Job).Name)"
$b = Start-Job { 'done' }
$null = Wait-Job $b
Remove-Job -Id 3
Remove-Job $b.ChildJobs[0]
Remove-Job -Id 1 -Force
"left: $((Get-Job).Id -join ',')"
Remove-Job $b
"left: $(@(Get-Job).Count)"
