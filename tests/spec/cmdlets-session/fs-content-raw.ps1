Set-Content raw-golden.txt 'a', 'b'
Get-Content raw-golden.txt -Raw
Set-Content raw-golden.txt 'x', 'y' -NoNewline
Get-Content raw-golden.txt
Remove-Item raw-golden.txt
