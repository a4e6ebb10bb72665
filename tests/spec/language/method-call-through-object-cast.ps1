# ([object]$x).Method() calls System.Object's method itself (pwsh's conversion syntax for base calls)
([object]'text').ToString()
([object]42).ToString()
$s = 'ab'
([object]($s + 'c')).Equals(($s + 'c'))
('text').ToString()
