# `pipeline &` starts a background job; variables that exist in the caller become ${using:...} in its text.
$x = 5
$j = $x + 1 &
$j.GetType().Name, $j.PSJobTypeName, $j.Name -join ' '
$j.Command
Receive-Job $j -Wait
$k = 'a', 'b' | ForEach-Object { $_.ToUpper() + $x } &
$k.Command
Receive-Job $k -Wait
$here = Get-Location &
"same location: $((Receive-Job $here -Wait).Path -eq (Get-Location).Path)"
