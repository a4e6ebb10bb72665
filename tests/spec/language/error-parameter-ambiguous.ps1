function Show-Thing { [CmdletBinding()] param($Name, $Number) "$Name $Number" }
try { Show-Thing -N 1 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
