function Show { param($First, $Second, [switch]$Loud) $t = "$First-$Second"; if ($Loud) { $t.ToUpper() } else { $t } }
$h = @{ First = 'a'; Second = 'b' }
Show @h
$h.Loud = $true
Show @h
$arr = 'x', 'y'
Show @arr
