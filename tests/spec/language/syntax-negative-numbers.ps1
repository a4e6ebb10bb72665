5 -5
5 - -5
Write-Output 5 -5
-1..2
