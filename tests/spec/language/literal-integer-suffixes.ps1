(5l).GetType().Name
(5d).GetType().Name
(2147483648).GetType().Name
5l + 1
1.50d
0x10l
