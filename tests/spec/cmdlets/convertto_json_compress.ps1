@{ a = 1 } | ConvertTo-Json -Compress
1 | ConvertTo-Json -AsArray -Compress
1, 2 | ConvertTo-Json -Compress
'a"b' | ConvertTo-Json
[double]3 | ConvertTo-Json
$null | ConvertTo-Json
