1, 2, 3 -join '-'
-join ('a', 'b', 'c')
-join 'a', 'b'
'x' -join ','
