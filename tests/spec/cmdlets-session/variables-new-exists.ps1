New-Variable -Name color -Value 'red'
New-Variable -Name color -Value 'blue'
$color
