# a variable assigned from a command with no output holds "nothing": it is $null in comparisons,
# but @() of it is empty and piping it runs nothing (pwsh's AutomationNull)
$nothing = & { }
$nothing -eq $null
@($nothing).Count
$nothing | ForEach-Object { 'never runs' }
switch ($nothing) { default { 'never matches' } }
"[$nothing]"
$copy = $nothing
@($copy).Count
$explicit = $null
@($explicit).Count
# an array element with no value counts, but pipes skip it
$items = [void]1, 2, 3
$items.Count
($items | Measure-Object).Count
