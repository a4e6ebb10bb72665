$p = '/tmp/pslark-spec-clixml.xml'
[pscustomobject]@{ Name = 'x'; N = 42; When = [datetime]'2024-01-02T03:04:05'; List = 1, 2 } | Export-Clixml -Path $p
$i = Import-Clixml -Path $p
$i.pstypenames[0]
$i.Name
$i.N
$i.When.Year
$i.List -join ','
Remove-Item $p
