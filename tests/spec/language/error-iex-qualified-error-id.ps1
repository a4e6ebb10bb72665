# a runtime error escaping Invoke-Expression names the cmdlet in its error id; `throw` does not
try { Invoke-Expression '[NoSuchType]::Foo' } catch { $_.FullyQualifiedErrorId }
try { Invoke-Expression '1/0' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
try { Invoke-Expression 'throw "plain"' } catch { $_.FullyQualifiedErrorId }
