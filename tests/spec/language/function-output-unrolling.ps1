function Get-Arr { return @(1, 2, 3) }
$r = Get-Arr
$r.Count
function Get-Two { return , @(1, 2) }
@(Get-Two).Count
function Get-Empty { @() }
$null -eq (Get-Empty)
