# -is needs a type; a string operand names one, anything else is a cast error
"abc" -is "string"
try { "abc" -is "NoSuchTypeHere" } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { "abc" -isnot 42 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { "abc" -is $null } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
# [psobject] is a wrapper: a bare literal is not one, a custom object is
"abc" -is [psobject]
42 -is [psobject]
[pscustomobject]@{ a = 1 } -is [psobject]
