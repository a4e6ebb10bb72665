# $MyInvocation.InvocationName: the operator for `& {}` and `. {}`, the name used for a command
& { $MyInvocation.InvocationName }
. { $MyInvocation.InvocationName }
function Get-Name { $MyInvocation.InvocationName }
Set-Alias gn Get-Name
Get-Name
gn
