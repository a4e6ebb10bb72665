# -Scope that is neither a scope name nor a number is a PSArgumentException 'Argument' (a number out of range
# is ArgumentOutOfRange); Get-Alias -Name refuses $null and '' also when they come through the pipeline
try { Set-Alias -Name zz1 -Value Get-Date -Scope bogus } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
try { Get-Variable -Name PID -Scope 'up' } catch { $_.FullyQualifiedErrorId }
try { Get-Alias -Name zz1 -Scope 500 } catch { $_.FullyQualifiedErrorId }
foreach ($bad in $null, '') {
    try { $bad | Get-Alias -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
}
try { Get-Alias -Name gci, '' } catch { $_.Exception.Message }
(Get-Alias -Name gci).Definition
