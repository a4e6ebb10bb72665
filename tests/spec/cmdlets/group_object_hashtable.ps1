$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$h = $e | Group-Object Dept -AsHashTable
$h['dev'].Name
$h.Keys | Sort-Object
$h.ops.Count
