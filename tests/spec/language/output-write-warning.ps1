Write-Warning 'careful'
$WarningPreference = 'SilentlyContinue'
Write-Warning 'hidden'
Write-Warning 'forced' -WarningAction Continue
