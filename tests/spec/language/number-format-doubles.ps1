1/3
2/3
0.1 + 0.2
1e15
1e14
1e-5
0.0001
[math]::PI * 1e10
[double]::MaxValue
