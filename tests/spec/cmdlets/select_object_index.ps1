'a', 'b', 'c', 'd' | Select-Object -Index 1, 3
(0..10 | Select-Object -SkipIndex 5, 6, 7, 8, 11) -join ','
