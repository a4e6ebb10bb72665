$o = New-Object PSObject -Property @{ Name = 'a' }
$o.Name
$o.pstypenames[0]
$l = New-Object System.Collections.ArrayList
$l.Add(1) | Out-Null
$l.Add(2) | Out-Null
$l.Count
$l.GetType().FullName
