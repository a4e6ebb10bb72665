[pscustomobject]@{ A = 1; Bb = 'two'; Ccc = $true; D = 'd'; Eeeee = 'five' }
