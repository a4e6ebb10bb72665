Write-Output 1, 2
Write-Output -InputObject 'single'
(Write-Output 'a', 'b' | ForEach-Object { $_ }).Count
