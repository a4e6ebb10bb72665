function Set-Level {
    param([ValidateRange(1, 10)] [int]$Level)
    "level: $Level"
}
Set-Level 5
try { Set-Level 11 } catch { $_.Exception.Message }
try { Set-Level 0 } catch { $_.Exception.Message }
