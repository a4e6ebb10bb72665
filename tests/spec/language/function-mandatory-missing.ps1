function Need {
    param([Parameter(Mandatory)] [string]$Name)
    "got $Name"
}
Need -Name ok
try { Need } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
