$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$e | ConvertTo-Csv
$e | Select-Object -First 1 | ConvertTo-Csv -UseQuotes Never -Delimiter ';'
