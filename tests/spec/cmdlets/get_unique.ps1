1, 1, 2, 2, 2, 3, 1 | Get-Unique
'a', 'A', 'a' | Get-Unique
