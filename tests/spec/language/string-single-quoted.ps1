$x = 'ignored'
'It''s $x and `n stays'
'two
lines'
