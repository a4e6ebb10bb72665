# Receive-Job's switches that need -Wait, and -Wait with -Keep, which pwsh refuses while binding.
$j = Start-ThreadJob { 'x' }
$null = Wait-Job $j
Receive-Job $j -AutoRemoveJob
Receive-Job $j -WriteJobInResults
Receive-Job $j -Force
Receive-Job $j -Wait -Keep
$Error | ForEach-Object { $_.FullyQualifiedErrorId }
"still there, with its data: $($j.HasMoreData)"
Receive-Job $j -Wait -AutoRemoveJob
"removed: $(@(Get-Job).Count)"
