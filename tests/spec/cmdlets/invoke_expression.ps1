Invoke-Expression '$x = 5'
$x
Invoke-Expression '1 + 2'
$cmd = 'Get-Date -Date 2024-01-01 -Format yyyy'
Invoke-Expression $cmd
'3 * 4' | Invoke-Expression
