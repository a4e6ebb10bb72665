function Two { [CmdletBinding()] param([string]$Name) $Name }
try { Two -Name } catch { $_.Exception.Message }
