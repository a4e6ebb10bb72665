New-Alias -Name say -Value Write-Output
New-Alias -Name say -Value Write-Host
say 'still Write-Output'
