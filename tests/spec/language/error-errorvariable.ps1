Get-Item /no/such/path-xyz -ErrorAction SilentlyContinue -ErrorVariable problems
$problems.Count
$problems[0].Exception.Message
