#! env: LANG=de_DE.UTF-8
# Out-Default uses the current culture for numbers and dates (string expansion stays invariant)
$d = [datetime]::new(2026, 8, 20, 21, 18, 18)
1 / 3
1.10d
[double]::NegativeInfinity
"$(1 / 3) $d"
[pscustomobject]@{ When = $d; Num = 1.5; Dec = 2.50d; Span = [timespan]::new(1, 2, 3, 4, 5) }
[pscustomobject]@{ When = $d; Num = 1.5; Dec = 2.50d; Span = [timespan]::new(1, 2, 3, 4, 5) } | Format-List
