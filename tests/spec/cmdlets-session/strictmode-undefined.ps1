Set-StrictMode -Version Latest
'before'
$undefinedThing
'after'
