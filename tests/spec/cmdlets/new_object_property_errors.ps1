# New-Object -Property stops at a member the object lacks or a value the member refuses
foreach ($props in @{ Nope = 1 }, @{ X = 'text' }) {
    try {
        New-Object System.Management.Automation.Host.Coordinates -Property $props
        'not reached'
    } catch { $_.FullyQualifiedErrorId }
}
(New-Object System.Management.Automation.Host.Coordinates -Property @{ X = 7 }).X
# [pscustomobject] is PSObject's accelerator; the PSCustomObject class itself has no constructor
(New-Object pscustomobject -Property @{ A = 1 }).A
try { New-Object System.Management.Automation.PSCustomObject } catch { $_.FullyQualifiedErrorId }
