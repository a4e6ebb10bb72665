1, 2, 0, 4 | ForEach-Object { 10 / $_ }
'after pipeline'
