1..3 | ForEach-Object -Begin { 'start' } -Process { $_ * 2 } -End { 'stop' }
'a', 'b' | ForEach-Object ToUpper
