1..6 | Where-Object { $_ % 2 -eq 0 }
$items = [pscustomobject]@{ N = 'a'; V = 3 }, [pscustomobject]@{ N = 'b'; V = 9 }
($items | Where-Object V -gt 5).N
