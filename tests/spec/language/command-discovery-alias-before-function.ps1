function Get-Greeting { 'function' }
Get-Greeting
Set-Alias -Name Get-Greeting -Value Write-Output
Get-Greeting 'alias wins'
