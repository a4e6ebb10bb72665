Write-Output -Bogus 'x'
'after'
