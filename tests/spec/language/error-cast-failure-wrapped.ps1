# A failed cast leaves the script as pwsh's ConvertToRuntimeException makes it: $_.Exception is a
# RuntimeException whose InnerException is the PSInvalidCastException; the error id is the cast's
try { [int]'abc' } catch {
    $_.Exception.GetType().FullName
    $_.Exception.InnerException.GetType().FullName
    $_.FullyQualifiedErrorId
    $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
    $_.CategoryInfo.Category
}
# catch clauses match the wrapper and the cast exception both
try { [int]'x' } catch [System.InvalidCastException] { 'caught as InvalidCastException' }
try { [int]'x' } catch [System.Management.Automation.RuntimeException] { 'caught as RuntimeException' }
# a hashtable that cannot make the object: ObjectCreationError
foreach ($table in @{ Nope = 1 }, @{ X = 'text' }) {
    try { [System.Management.Automation.Host.Coordinates]$table } catch { $_.FullyQualifiedErrorId }
}
$point = [System.Management.Automation.Host.Coordinates]@{ X = 3; Y = 4 }
"$($point.X),$($point.Y)"
# an error escaping Invoke-Expression names the cmdlet; the inner exception keeps its own id
try { Invoke-Expression '[hashtable][pscustomobject]@{ a = 1 }' } catch {
    $_.FullyQualifiedErrorId
    $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId
}
