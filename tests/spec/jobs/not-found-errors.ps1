# Selecting a job that does not exist is a non-terminating error, with the same texts in every job cmdlet.
$guid = [guid]'0f8fad5b-d9cb-469f-a165-70867728950e'
Get-Job -Id 42
Get-Job -Name nosuchjob
Get-Job -InstanceId $guid
Receive-Job -Id 42
Receive-Job -Name nosuchjob
Wait-Job -InstanceId $guid
Stop-Job -Name nosuchjob
Remove-Job -Id 42
"a wildcard that matches nothing is no error: $(@(Get-Job -Name nosuch*).Count)"
$Error.Count
$Error | ForEach-Object { "$($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) $($_.TargetObject)" }
