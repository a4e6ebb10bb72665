$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$e | Sort-Object Years | ForEach-Object Name
$e | Sort-Object Dept, @{ Expression = 'Years'; Descending = $true } | ForEach-Object Name
'apple', 'fig', 'banana' | Sort-Object { $_.Length }
