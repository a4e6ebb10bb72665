1, 2, 3 | Set-Variable -Name numbers
Get-Variable numbers -ValueOnly
'x' | New-Variable -Name letter
$letter
