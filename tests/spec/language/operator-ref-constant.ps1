# [ref]$null is a throw-away out argument: $null itself never changes
[int]::TryParse('42', [ref]$null)
$null -eq $null
$r = [ref]$true
$r.Value = 'changed'
$true
