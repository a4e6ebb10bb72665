[pscustomobject]@{ A = 'one'; B = 'two'; C = 'three'; D = 'four' }
