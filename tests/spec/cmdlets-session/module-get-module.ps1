$null = New-Item -ItemType Directory gm-golden -Force
Set-Content gm-golden/Tools.psm1 'function Get-Tool { "tool" }'
Import-Module ./gm-golden/Tools.psm1
Get-Module Tools | Select-Object Name, Version
Remove-Module Tools
Get-Module Tools
'gone'
Remove-Item gm-golden -Recurse
