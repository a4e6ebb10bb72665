([pscustomobject]@{ a = 1 } | Select-Object a).pstypenames
('x' | Select-Object Length).pstypenames[0]
