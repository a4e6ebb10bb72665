# ForEach-Object MemberName with positional method arguments: the extra values are the ArgumentList
255 | ForEach-Object ToString 'x4'
'a-b-c' | ForEach-Object Split '-'
'abcdef' | % Substring 2 3
(Get-Date -Date '2021-03-04') | ForEach-Object ToString 'yyyy/MM/dd'
# script blocks still bind as begin/process/end
1, 2 | ForEach-Object { 'start' } { "item $_" } { 'done' }
