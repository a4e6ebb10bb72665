'header line'
[pscustomobject]@{ x = 1; y = 'b' }
