Set-StrictMode -Version Latest
try { "value: $missing" } catch { "caught: $($_.Exception.Message)" }
