# A [bool] parameter takes Booleans and numbers only (a string or $null is refused, as pwsh's argument
# transformation does); an advanced function also checks a [bool[]]'s elements and refuses an array for [string]
function Set-Strict { [CmdletBinding()] param([bool] $On, [bool[]] $Many, [string] $Name) "on=$On many=$($Many -join ',') name=$Name" }
function Set-Loose { param([bool] $On, [bool[]] $Many, [string] $Name) "on=$On many=$($Many -join ',') name=$Name" }
Set-Strict -On 1 -Many 0, 2, $true
Set-Loose -On 0.5 -Many 'a', '' -Name x, y
Set-Loose
foreach ($call in { Set-Strict -On 'yes' }, { Set-Loose -On 'yes' }, { Set-Loose -On $null },
                  { Set-Strict -Many 1, 'x' }, { Set-Strict -Name a, b }) {
    try { & $call } catch { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
}
