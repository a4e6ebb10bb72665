1..3 | Tee-Object -Variable t | ForEach-Object { $_ * 10 }
$t
