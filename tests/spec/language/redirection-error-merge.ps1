Write-Error 'bad thing' 2>&1 | ForEach-Object { "caught: $_" }
$r = & { 'out'; Write-Error 'err' } 2>&1
$r.Count
$r[1].GetType().Name
