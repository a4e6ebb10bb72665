'abc123' -match '\d+'
$Matches[0]
'ABC' -match 'abc'
'ABC' -cmatch 'abc'
'abc' -notmatch '\d'
'a1', 'b', 'c2' -match '\d'
