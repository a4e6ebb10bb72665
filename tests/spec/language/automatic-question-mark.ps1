Write-Output 'ok' | Out-Null
$?
Write-Error 'failed' -ErrorAction SilentlyContinue
$?
$x = 1
$?
