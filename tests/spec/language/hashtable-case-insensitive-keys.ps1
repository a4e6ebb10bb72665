$h = @{ Name = 'x' }
$h.NAME
$h['name']
$h.ContainsKey('nAmE')
$h['NAME'] = 'y'
$h.Count
$h.Name
