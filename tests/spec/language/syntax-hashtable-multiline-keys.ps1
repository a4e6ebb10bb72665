$h = @{
    Name = 'x'
    'quoted-key' = 2
    3 = 'number key'
}
$h['quoted-key']
$h[3]
$h.Name
