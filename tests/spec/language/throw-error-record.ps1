# throwing an ErrorRecord made from a caught exception: $_ is the new record, with its own id
try {
    try { [int]'x' } catch {
        throw [System.Management.Automation.ErrorRecord]::new($_.Exception, 'Wrapped.Id', 'InvalidData', 'target')
    }
} catch {
    $_.FullyQualifiedErrorId
    $_.CategoryInfo.Category
    $_.TargetObject
}
