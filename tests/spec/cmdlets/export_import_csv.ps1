$e = @(
    [pscustomobject]@{ Name = 'joseph'; Dept = 'dev'; Years = 15 }
    [pscustomobject]@{ Name = 'paul'; Dept = 'dev'; Years = 5 }
    [pscustomobject]@{ Name = 'mary'; Dept = 'ops'; Years = 9 }
)
$p = '/tmp/pslark-spec-csv.csv'
$e | Export-Csv -Path $p
Get-Content $p
$back = Import-Csv -Path $p
$back[2].Name
$back[2].Years
Remove-Item $p
