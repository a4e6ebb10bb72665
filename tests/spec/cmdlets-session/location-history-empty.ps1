Set-Location -
'next'
