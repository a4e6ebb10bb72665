Set-Content notes-golden.txt 'first', 'second'
Add-Content notes-golden.txt 'third'
Get-Content notes-golden.txt
Get-Content notes-golden.txt -TotalCount 1
Get-Content notes-golden.txt -Tail 1
(Get-Content notes-golden.txt).Count
Remove-Item notes-golden.txt
