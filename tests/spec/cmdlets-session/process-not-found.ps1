Get-Process -Name pslark-golden-no-such-proc
'after'
