1, 'two', 3.0
$list = @('a', 'b')
$list
