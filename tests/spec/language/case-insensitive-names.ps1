$MyVariable = 'value'
$myvariable
$MYVARIABLE
function Get-Thing { 'thing' }
get-thing
GET-THING
write-output 'cmdlet lower'
Write-Output -inputobject 'param lower'
$o = [pscustomobject]@{ Name = 'x' }
$o.NAME
