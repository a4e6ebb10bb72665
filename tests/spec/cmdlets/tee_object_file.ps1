$p = '/tmp/pslark-spec-tee.txt'
'x', 'y' | Tee-Object -FilePath $p | ForEach-Object { $_.ToUpper() }
Get-Content $p
'z' | Tee-Object -FilePath $p -Append | Out-Null
Get-Content $p
Remove-Item $p
