$WarningPreference = 'Stop'
try { Write-Warning 'w' } catch { $_.Exception.Message }
