$r = Compare-Object 'a' 'b' -PassThru
$r
$r[0].SideIndicator
(Compare-Object 1, 2 1, 2 -ExcludeDifferent).SideIndicator
