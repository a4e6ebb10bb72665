# ConvertTo-Csv of dictionaries: the keys are the columns, followed by any members Add-Member attached
$rows = 1..2 | ForEach-Object { [ordered]@{ Id = $_; Name = "item$_" } }
$rows | Add-Member -MemberType NoteProperty -Name Source -Value 'batch'
$rows | ConvertTo-Csv
@{ Only = 'key' } | ConvertTo-Csv -UseQuotes Never
