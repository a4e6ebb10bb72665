Set-Content ip-golden.txt 'hello'
Get-Item ip-golden.txt | Select-Object Name, Length, Extension, BaseName
Remove-Item ip-golden.txt
