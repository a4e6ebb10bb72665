'a', 'b', 'a', 'c', 'b' | Select-Object -Unique
1, 2, 2, 3 | Select-Object -Unique
