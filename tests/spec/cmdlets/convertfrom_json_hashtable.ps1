$h = '{"b":2,"a":1}' | ConvertFrom-Json -AsHashtable
$h.Keys -join ','
$h['a']
