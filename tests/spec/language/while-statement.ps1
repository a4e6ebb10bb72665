$n = 1
while ($n -lt 50) { $n *= 3 }
$n
