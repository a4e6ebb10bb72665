$f = Join-Path ([System.IO.Path]::GetTempPath()) "pslark-spec-redirect-$PID.txt"
'one' > $f
'two' >> $f
Get-Content $f
(Get-Content $f).Count
Remove-Item $f
Test-Path $f
