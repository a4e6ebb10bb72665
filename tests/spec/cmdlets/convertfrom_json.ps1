$o = '{"name":"x","list":[1,2,3],"inner":{"ok":true}}' | ConvertFrom-Json
$o.name
$o.list.Count
$o.inner.ok
$o.list[0].GetType().Name
'[1,2,3]' | ConvertFrom-Json | Measure-Object | ForEach-Object Count
('[1,2,3]' | ConvertFrom-Json -NoEnumerate).Count
