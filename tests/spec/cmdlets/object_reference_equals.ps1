# [object]::ReferenceEquals and the two-argument [object]::Equals, reachable through any type
$a = @(1, 2)
$b = $a
[object]::ReferenceEquals($a, $b)
[object]::ReferenceEquals($a, @(1, 2))
[object]::ReferenceEquals($null, $null)
[object]::ReferenceEquals(5, 5)
$h = @{}
[string]::ReferenceEquals($h, $h)
[object]::Equals('x', 'x')
[object]::Equals('x', 'X')
[object]::Equals($null, 1)
