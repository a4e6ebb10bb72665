1..3 | ForEach-Object { Write-Host "A$_"; $_ } | ForEach-Object { Write-Host "B$_" }
