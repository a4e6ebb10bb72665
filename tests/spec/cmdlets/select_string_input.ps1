'apple pie', 'banana split', 'cherry tart' | Select-String 'an'
$m = 'a1b2' | Select-String '\d' -AllMatches
$m.Matches.Value
$m.LineNumber
$m.Filename
'x', 'y' | Select-String 'x' -Quiet
'x', 'y' | Select-String 'x' -NotMatch
'A', 'a' | Select-String 'a' -CaseSensitive
