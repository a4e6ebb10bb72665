[pscustomobject]@{ a = 1; b = 2; c = 3; d = 4; e = 5 }, [pscustomobject]@{ a = 6; b = 7; c = 8; d = 9; e = 10 }
