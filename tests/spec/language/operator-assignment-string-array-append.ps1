$s = 'ab'
$s += 'cd'
$s
$a = @()
$a += 1
$a += 'two'
$a.Count
$a[1]
$s *= 2
$s
