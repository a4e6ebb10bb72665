# variable names through the variable: drive keep their colons; braced names take `u{} escapes
$Variable:outer:inner = 'drive'
$Variable:outer:inner
(Get-Variable -Name 'outer:inner').Value
${arrow`u{2192}} = 'escaped'
(Get-Variable -Name "arrow$([char]0x2192)").Value
# an empty $() is $null itself; an empty command result is nothing
@($()).Count
@($(& {})).Count
$list = 1, 2
try { $list[$nothing] } catch { $_.FullyQualifiedErrorId }
