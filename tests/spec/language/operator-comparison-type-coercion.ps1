'10' -eq 10
10 -eq '10'
10 -eq '10.0'
'10.0' -eq 10
'10' -lt 9
10 -lt '9'
$null -eq 0
0 -eq $null
