Get-Date -Bogus 'x'
'after'
