$true -and $false
$true -or $false
$true -xor $true
-not $true
!$false
(1 -eq 1) -and (2 -gt 1)
$true -or $false -and $false
