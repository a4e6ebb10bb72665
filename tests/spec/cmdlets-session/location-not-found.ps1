Set-Location /no/such/dir-xyz
'still here'
