# Receive-Job replays a job's other streams into the caller's, where the caller's preferences decide what
# shows: warnings and Write-Host text show; verbose, debug and Write-Information records need the caller's
# -Verbose / -Debug / -InformationAction.
$t = Start-ThreadJob {
    Write-Verbose 'verbose text' -Verbose
    Write-Warning 'warning text'
    Write-Information 'information text'
    Write-Host 'host text'
    'output'
}
$null = Wait-Job $t
"collections: $($t.Output.Count) $($t.Warning.Count) $($t.Verbose.Count) $($t.Information.Count)"
'--- default preferences'
Receive-Job $t -Keep
'--- -Verbose -InformationAction Continue'
Receive-Job $t -Keep -Verbose -InformationAction Continue
'--- warnings captured with -WarningVariable'
$null = Receive-Job $t -WarningVariable w -WarningAction SilentlyContinue
"$($w.Count): $w"
$p = Start-Job { Write-Warning 'from the worker'; Write-Host 'worker host text'; 'worker output' }
Receive-Job $p -Wait
