Set-Variable -Name limit -Value 10 -Option ReadOnly
$limit
Set-Variable -Name limit -Value 20 -Force
$limit
