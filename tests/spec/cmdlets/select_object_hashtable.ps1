$h = @{ Entry = 100 }
($h | Select-Object -Property Entry).Entry
$h | Select-Object -ExpandProperty Entry
@{ a = 10; b = 20; c = 30 } | Select-Object -ExpandProperty Count
