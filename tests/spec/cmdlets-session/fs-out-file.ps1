[pscustomobject]@{Name = 'pslark'; Version = 1} | Out-File of-golden.txt
'tail line' | Out-File of-golden.txt -Append
Get-Content of-golden.txt
Remove-Item of-golden.txt
