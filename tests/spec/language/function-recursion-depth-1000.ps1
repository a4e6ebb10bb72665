function Depth([int]$n) { if ($n -eq 0) { 0 } else { 1 + (Depth ($n - 1)) } }
Depth 1000
