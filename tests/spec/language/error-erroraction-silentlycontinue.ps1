Get-Item /no/such/path-xyz -ErrorAction SilentlyContinue
'no error shown'
$ErrorActionPreference = 'SilentlyContinue'
Write-Error 'also hidden'
'done'
