$p = Start-Process sleep -ArgumentList 30 -PassThru
Wait-Process -Id $p.Id -Timeout 1 -ErrorAction SilentlyContinue
$Error[0].FullyQualifiedErrorId
Stop-Process -InputObject $p
$p.WaitForExit(5000)
