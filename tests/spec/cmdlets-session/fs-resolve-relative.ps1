$null = New-Item -ItemType Directory rr-golden/sub -Force
Set-Location rr-golden/sub
$null = New-Item ../one.txt
Resolve-Path ../one.txt -Relative
Set-Location ../..
Remove-Item rr-golden -Recurse
