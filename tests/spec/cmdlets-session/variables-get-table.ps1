$fruit = 'apple'
$count = 3
Get-Variable fruit, count
