function Noisy { Write-Host 'evaluated'; $true }
$false -and (Noisy)
$true -or (Noisy)
$true -and (Noisy)
