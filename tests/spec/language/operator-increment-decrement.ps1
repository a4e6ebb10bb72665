$i = 5
$i++
$i
++$i
$i
$i--
--$i
$i
$j = $i++
"j=$j i=$i"
$k = ++$i
"k=$k i=$i"
($i--)
$i
