$a = @(1, 2, 3)
$a | ForEach-Object { "item $_" }
,$a | ForEach-Object { "count $($_.Count)" }
