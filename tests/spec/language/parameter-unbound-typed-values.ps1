# An unbound parameter without a default holds $null converted to its type where that converts
# ([int] 0, [bool] False, [string] ''), and $null for types $null does not convert to
function Show-Unbound([int]$I, [bool]$B, [string]$S, [datetime]$D, [DayOfWeek]$W, [timespan]$T) {
    "I=$I B=$B S=[$S] D-null=$($null -eq $D) W-null=$($null -eq $W) T-null=$($null -eq $T)"
    $D = '2024-02-03'      # the type constraint still holds
    $D.GetType().Name
}
Show-Unbound
# an explicit $null still fails the conversion
try { Show-Unbound -D $null } catch { $_.FullyQualifiedErrorId }
# the default expression is converted
function Show-Default { param([System.Reflection.MemberTypes] $Kinds = 'Field,Method') $Kinds; $Kinds.GetType().FullName }
Show-Default
