Get-Variable -Name missingVariable
'after'
