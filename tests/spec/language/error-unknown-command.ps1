'before'
Get-NoSuchThing -Flag
'after'
