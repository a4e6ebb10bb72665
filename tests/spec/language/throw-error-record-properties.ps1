try { throw 'custom message' } catch {
    $_.Exception.Message
    $_.FullyQualifiedErrorId
    $_.CategoryInfo.Category
    $_.Exception.GetType().Name
}
