Get-Content /tmp/pslark-golden-absent.txt
'after'
