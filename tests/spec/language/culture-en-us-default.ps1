'{0:N2}' -f 1234.5
(1.5).ToString()
$d = [datetime]::new(2024, 3, 15)
'{0:d}' -f $d
$d.ToString('D')
