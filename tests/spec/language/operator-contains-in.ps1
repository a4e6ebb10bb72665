1, 2, 3 -contains 2
1, 2, 3 -notcontains 4
2 -in 1, 2, 3
'A' -in 'a', 'b'
'A' -cin 'a', 'b'
4 -notin 1, 2
'abc' -contains 'b'
