$true
$false
$null
"[$null]"
$null -eq $null
[bool]$null
