$count = 0
function Bump { $script:count++ }
Bump
Bump
Bump
$count
