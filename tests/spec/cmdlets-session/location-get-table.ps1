Set-Location /
Get-Location
