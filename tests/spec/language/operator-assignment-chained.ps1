$a = $b = 5
"$a $b"
$c = ($d = 3) + 1
"$c $d"
($e = 'shown')
