$temp = 5
Remove-Variable temp
Test-Path variable:temp
$data = 'payload'
Clear-Variable data
"[$data]"
