# Primitives from Start-Job carry PSComputerName 'localhost', RunspaceId and PSShowComputerName $false too (pwsh's
# PSRemotingChildJob decorates every result), yet act and print as the plain values they wrap.
$r = Start-Job { 'text'; 42; $false; 1, 2 } | Receive-Job -Wait -AutoRemoveJob
$r
foreach ($v in $r) { '{0} {1} {2} {3}' -f $v, $v.PSComputerName, $v.PSShowComputerName, ($v.RunspaceId -is [guid]) }
"$($r[0]) $($r[0] -is [string]) $($r[1] + 1) $($r[1] -is [int]) $([int]$r[1] * 2) $(if ($r[2]) { 'yes' } else { 'no' })"
($r[3..4] | Measure-Object -Sum).Sum
$r[0] | Format-Table
$r[1] | Format-List
$r[0] | Get-Member -MemberType NoteProperty | ForEach-Object Name
