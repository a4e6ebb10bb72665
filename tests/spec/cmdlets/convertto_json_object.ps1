[pscustomobject]@{ Name = 'x'; N = 1; D = 1.5; L = @(1, 2); H = @{ a = $true }; Z = $null } | ConvertTo-Json
