1..10 | Sort-Object -Descending -Top 3
1..10 | Sort-Object -Bottom 2
