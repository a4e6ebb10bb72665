'a', 'B', 'b', 'A', 'c' | Sort-Object -Unique
'b', 'a', 'B', 'A' | Sort-Object -CaseSensitive
