$null = New-Item -ItemType Directory mod-golden -Force
Set-Content mod-golden/Greet.psm1 @'
$script:count = 0
function Get-Greeting { param($Name = 'World') $script:count++; "Hello, $Name ($script:count)" }
function Get-Internal { 'internal' }
Export-ModuleMember -Function Get-Greeting
'@
Import-Module ./mod-golden/Greet.psm1
Get-Greeting
Get-Greeting -Name pslark
Get-Command Get-Internal -ErrorAction SilentlyContinue
'internal hidden'
Remove-Module Greet
Remove-Item mod-golden -Recurse
