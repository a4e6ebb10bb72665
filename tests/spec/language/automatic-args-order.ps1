# $args keeps the order of the command line, unknown -names included; `--` is dropped
function Show-Args { $args | ForEach-Object { "<$_>" } }
Show-Args 4 -x 5 -- -y
function Show-Mixed($first) { "first=$first"; $args -join '|' }
Show-Mixed 1 -flag 2 -n:3
