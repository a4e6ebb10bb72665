# a runtime error escaping Invoke-Expression names the cmdlet in its error id; `throw` does not
try { Invoke-Expression '[NoSuchType]::Foo' } catch { $_.FullyQualifiedErrorId }
try { Invoke-Expression '1/0' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
try { Invoke-Expression 'throw "plain"' } catch { $_.FullyQualifiedErrorId }
# catch [CmdletInvocationException] applies to such an error; $_.Exception stays the original one
try { Invoke-Expression 'Get-Command -Name' } catch [System.Management.Automation.CmdletInvocationException] {
    "wrapped: $($_.Exception.GetType().Name)"
}
try { Invoke-Expression 'throw "x"' } catch [System.Management.Automation.CmdletInvocationException] { 'not this' } catch { 'a throw is not wrapped' }
