[long]::MaxValue
[int]::MinValue
10 / 4d
1.50d + 1
[decimal]'0.10'
