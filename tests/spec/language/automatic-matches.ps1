'order 1234 shipped' -match '(\d+)'
$Matches[0]
$Matches[1]
'John Smith' -match '(?<first>\w+) (?<last>\w+)'
$Matches.first
$Matches['last']
