$null = New-Item -ItemType Directory gci-names-golden -Force
Set-Location gci-names-golden
$null = New-Item -Path b.txt, a.txt -Force
$null = New-Item -ItemType Directory sub
$null = New-Item sub/inner.log
Get-ChildItem -Name
'--'
Get-ChildItem -Recurse -Name
Set-Location ..
Remove-Item gci-names-golden -Recurse
