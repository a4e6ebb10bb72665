$a = [pscustomobject]@{ Name = 'x'; Size = 1 }, [pscustomobject]@{ Name = 'y'; Size = 2 }
$b = [pscustomobject]@{ Name = 'x'; Size = 5 }, [pscustomobject]@{ Name = 'z'; Size = 2 }
Compare-Object $a $b -Property Name
