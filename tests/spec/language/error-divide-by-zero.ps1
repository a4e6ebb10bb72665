$zero = 0
'a'
1 / $zero
'b'
