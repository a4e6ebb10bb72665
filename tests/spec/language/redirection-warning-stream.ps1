Write-Warning 'to null' 3> $null
$w = Write-Warning 'captured' 3>&1
"got: $w"
