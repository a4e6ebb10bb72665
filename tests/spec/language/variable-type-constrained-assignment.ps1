[int]$count = 5
$count = '42'
$count.GetType().Name
$count = 'twelve'
"still $count"
