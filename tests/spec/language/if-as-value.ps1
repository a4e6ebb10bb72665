$x = if ($true) { 'yes' } else { 'no' }
$x
$y = if ($false) { 'never' }
$null -eq $y
$z = switch (2) { 1 { 'one' } 2 { 'two' } }
$z
