# [Tuple]::Create gives an indexable tuple; [DBNull]::Value counts as $null
$t = [Tuple]::Create(7, 'seven', $true)
$t[0]
$t[-1]
$t[0..1] -join '/'
$t.Item2
"$t"
[DBNull]::Value -eq $null
$null -eq [DBNull]::Value
[bool][DBNull]::Value
if (-not [DBNull]::Value) { 'falsy' }
