Get-Random -Minimum 1 -Maximum 2
(1..10 | Get-Random -Count 3).Count
(1..5 | Get-Random -Shuffle | Sort-Object) -join ','
$x = Get-Random -Maximum 10
$x -ge 0 -and $x -lt 10
(Get-Random -Minimum 0.5 -Maximum 1.0).GetType().Name
