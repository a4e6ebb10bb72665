function Fail { Write-Error 'bad input' }
Fail
'after'
