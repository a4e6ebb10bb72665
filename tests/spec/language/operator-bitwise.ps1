5 -band 3
5 -bor 3
5 -bxor 3
-bnot 0
-bnot 5
1 -shl 4
256 -shr 2
0xF0 -band 0x3C
