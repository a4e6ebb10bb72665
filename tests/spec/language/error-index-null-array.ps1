$n = $null
$n[0]
'after'
