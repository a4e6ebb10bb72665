Set-Alias -Name greet -Value Write-Output
greet 'hi there'
Get-Alias greet | Select-Object Name, Definition
