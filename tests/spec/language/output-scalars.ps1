42
'text'
$true
$null
''
3.5
'after empty'
[char]'x'
