$arr = @()
$null -eq $arr
$arr -eq $null
if ($arr -eq $null) { 'truthy' } else { 'falsy' }
if ($null -eq $arr) { 'null' } else { 'not null' }
