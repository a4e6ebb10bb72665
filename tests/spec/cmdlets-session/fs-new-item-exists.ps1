$null = New-Item /tmp/pslark-golden-dup.txt -Force
New-Item /tmp/pslark-golden-dup.txt
Remove-Item /tmp/pslark-golden-dup.txt
'done'
