Write-Output 'kept' -OutVariable saved | Out-Null
$saved
