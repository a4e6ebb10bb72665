# [Parameter] or [ValidateNotNull] without parentheses is that attribute, not a type constraint
function Test-Bare {
    [CmdletBinding()]
    param([Parameter] $Name, [ValidateNotNull] $Value = 1, [int] $Count)
    "Name=$Name Value=$Value Count=$Count"
}
Test-Bare -Name a -Count 2
try { Test-Bare -Value $null } catch { $_.FullyQualifiedErrorId }
