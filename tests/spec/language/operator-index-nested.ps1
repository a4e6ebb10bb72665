$h = @{ list = 1, 2, 3; inner = @{ key = 'deep' } }
$h.list[1]
$h['inner']['key']
$h.inner.key
$m = @(@(1, 2), @(3, 4))
$m[1][0]
