[pscustomobject]@{ Name = 'alpha'; Size = 10 }
[pscustomobject]@{ Name = 'b'; Size = 2000 }
