# Start-Job results cross a process boundary: objects come back as property bags named Deserialized.<Type>,
# primitives as themselves, with PSComputerName and RunspaceId added. Thread jobs return the live objects.
$r = Start-Job { [pscustomobject]@{ Name = 'widget'; Count = 3 }; 42; 'text'; [datetime]'2024-01-02 03:04:05' } |
    Receive-Job -Wait -AutoRemoveJob
$r[0].pstypenames -join ', '
"$($r[0].Name) $($r[0].Count) $($r[0].Count.GetType().Name) $($r[0].PSComputerName)"
"$($r[1].GetType().FullName) $($r[2].GetType().FullName) $($r[3].GetType().FullName) $($r[3].Year)"
"RunspaceId is a Guid: $($r[0].RunspaceId -is [guid])"
$r[0] | Select-Object Name, Count
$live = Start-ThreadJob { [pscustomobject]@{ Name = 'widget' } } | Receive-Job -Wait -AutoRemoveJob
$live.pstypenames -join ', '
