'a' > $null
Write-Output 'b' > $null
$null = 'c'
[void]'d'
'e' | Out-Null
'visible'
