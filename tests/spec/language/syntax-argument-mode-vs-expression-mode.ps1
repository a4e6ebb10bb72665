$a = 4
Write-Output 2+2
Write-Output (2+2)
Write-Output $a+2
Write-Output 1..3
function f { "args=$($args.Count) first=$($args[0] -join ',')" }
f(1,2)
1,2 + 3 -join ','
