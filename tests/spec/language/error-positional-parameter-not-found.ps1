function One { [CmdletBinding()] param($a) $a }
try { One 1 2 } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
