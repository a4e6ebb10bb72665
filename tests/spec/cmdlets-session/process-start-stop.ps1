$p = Start-Process sleep -ArgumentList 30 -PassThru
$found = Get-Process -Id $p.Id
$found.ProcessName
$found.Id -eq $p.Id
Stop-Process -Id $p.Id
$p.WaitForExit()
$p.HasExited
