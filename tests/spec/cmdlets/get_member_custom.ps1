[pscustomobject]@{ Name = 'x'; Size = 3 } | Get-Member
