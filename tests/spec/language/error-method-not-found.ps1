$s = 'abc'
$s.NoSuchMethod()
'after'
