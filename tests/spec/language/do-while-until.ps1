$i = 0
do { $i++ } while ($i -lt 3)
$i
$j = 10
do { "body runs once: $j" } while ($j -lt 5)
$k = 0
do { $k += 2 } until ($k -ge 5)
$k
