1..3 | ForEach-Object { $_ * $PSItem }
'a', 'b' | Where-Object { $_ -eq 'b' }
