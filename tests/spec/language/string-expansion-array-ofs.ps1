$a = 1, 2, 3
"$a"
$OFS = '-'
"$a"
[string]$a
