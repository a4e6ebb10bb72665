Remove-Item /tmp/pslark-golden-missing-xyz
'after'
