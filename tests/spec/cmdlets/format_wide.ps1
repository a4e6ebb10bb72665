'alpha', 'beta', 'gamma', 'delta' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Format-Wide -Column 2
