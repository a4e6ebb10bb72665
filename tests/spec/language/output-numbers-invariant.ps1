#! env: LANG=C
# Out-Default of numbers in the invariant culture (LANG=C): Double G15, Single G7, Decimal keeps its scale
1e16
1e15 + 0.3
[math]::Sqrt(2)
100 / 3
2 / 3 * 1e-6
-0.0
[double]::PositiveInfinity
[double]::NegativeInfinity
[double]::NaN
[float]0.1
[float](1 / 3)
[float]123456789
[decimal]1.10
1.10d
0.00d
-0.00d
[long]::MinValue
[uint64]::MaxValue
[byte]255
