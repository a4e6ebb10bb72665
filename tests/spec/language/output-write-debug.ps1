Write-Debug 'hidden'
$DebugPreference = 'Continue'
Write-Debug 'shown'
