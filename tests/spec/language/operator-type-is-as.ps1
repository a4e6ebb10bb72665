5 -is [int]
'x' -is [string]
5 -isnot [string]
@(1) -is [array]
$null -is [object]
'42' -as [int]
($null -eq ('abc' -as [int]))
1.5 -as [int]
'3.25' -as [double]
