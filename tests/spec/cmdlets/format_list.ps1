$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$e | Select-Object -First 2 | Format-List Name, Years
