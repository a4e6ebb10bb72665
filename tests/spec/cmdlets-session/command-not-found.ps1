Get-Command -Name Invoke-Nothing
'after'
