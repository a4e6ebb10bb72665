Get-Alias -Definition Get-ChildItem | Select-Object Name
