$h = @{ a = 1; b = 'two' }
$h.a
$h['b']
$h.Count
$h.c = 3
$h['d'] = 4
$h.Count
$h.ContainsKey('c')
$h.Remove('a')
$h.Count
