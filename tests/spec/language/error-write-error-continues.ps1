Write-Error 'first problem'
'still running'
