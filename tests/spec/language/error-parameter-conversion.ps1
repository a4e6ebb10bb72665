function Square([int]$n) { $n * $n }
try { Square 'abc' } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
