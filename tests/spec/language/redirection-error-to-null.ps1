Write-Error 'hidden' 2> $null
'after'
Get-Item /definitely/not/here 2> $null
$?
