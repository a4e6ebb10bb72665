Write-Host 'hidden' 6> $null
Write-Host 'shown'
$r = Write-Host 'captured' 6>&1
"got $r"
$InformationPreference = 'SilentlyContinue'
Write-Host 'Write-Host ignores InformationPreference'
