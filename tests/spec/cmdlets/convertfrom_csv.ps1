$rows = 'Name,Size', 'a,1', '"b, c",2' | ConvertFrom-Csv
$rows.Count
$rows[1].Name
$rows[1].Size
'1,2' | ConvertFrom-Csv -Header X, Y | ForEach-Object { $_.X + $_.Y }
