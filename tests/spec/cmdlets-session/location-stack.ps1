Set-Location /
Push-Location /tmp
Push-Location /usr
Get-Location -Stack
