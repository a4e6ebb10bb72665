Get-Item /no/such/path-xyz
'after'
