# full line comment
'code' # trailing comment
<# block
   comment #> 'after block'
'a#b'
Write-Output a#b
