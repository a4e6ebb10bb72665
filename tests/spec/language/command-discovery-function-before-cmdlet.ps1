function Write-Output { "shadowed: $args" }
Write-Output 'x'
Microsoft.PowerShell.Utility\Write-Output 'module-qualified name reaches the cmdlet'
