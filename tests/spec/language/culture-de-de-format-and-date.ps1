#! env: LANG=de_DE.UTF-8
'{0:N2}' -f 1234.5
(1.5).ToString()
"$(1.5)"
[string]2.5
1.5
$d = [datetime]::new(2024, 3, 15)
'{0:d}' -f $d
$d.ToString('D')
