$p = '/tmp/pslark-spec-sls.txt'
Set-Content -Path $p -Value 'first line', 'second match', 'third', 'fourth match'
Select-String -Path $p -Pattern 'match'
(Select-String -Path $p -Pattern 'match' -List).LineNumber
Select-String -Path $p -Pattern 'third' -Context 1
Remove-Item $p
