# $input is an enumerator over the pipeline input: reading it uses it up
function Twice { $input | ForEach-Object { "first $_" }; $input | ForEach-Object { "second $_" } }
1, 2 | Twice
function Step { $input.MoveNext(); $input.Current; "left: " + @($input).Count }
5, 6, 7 | Step
1, 2, 3 | & { $input.GetType().FullName }
1, 2, 3 | & { process { "in process: " + @($input).Count } }
