$x = $null
$x ?? 'default'
$y = 5
$y ?? 'default'
$x ??= 'assigned'
$x
$n = 7
$n -gt 5 ? 'big' : 'small'
${n}?.ToString()
$m = $null
${m}?.ToString()
'end'
