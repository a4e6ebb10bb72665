[bool]0
[bool]1
[bool]''
[bool]'False'
[bool]' '
[bool]@()
[bool]@(0)
[bool]@(0, 0)
[bool]$null
[bool]'0'
