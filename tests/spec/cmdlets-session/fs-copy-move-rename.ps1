$null = New-Item -ItemType Directory cmr-golden -Force
Set-Location cmr-golden
Set-Content a.txt 'alpha'
Copy-Item a.txt b.txt
Rename-Item b.txt c.txt
$null = New-Item -ItemType Directory archive
Move-Item c.txt archive
Get-ChildItem -Recurse -Name
Get-Content archive/c.txt
Set-Location ..
Remove-Item cmr-golden -Recurse
