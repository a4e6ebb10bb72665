1, 2, 3, 2 -eq 2
'---'
1, 2, 3 -gt 1
'---'
'a', 'b', 'A' -eq 'a'
'---'
(1, 2, 3 -eq 5).Count
(1, 2, $null -ne $null).Count
