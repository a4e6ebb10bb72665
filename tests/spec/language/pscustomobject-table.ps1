[pscustomobject]@{ Name = 'widget'; Count = 3; Price = 'cheap' }
