#! env: LANG=en_US.UTF-8
# en-US (ICU): the DateTime view is ToLongDateString + ToLongTimeString, and 'PM' follows U+202F
$d = [datetime]::new(2026, 8, 20, 21, 18, 18)
$d
"$d"
$d.ToString()
[double]::PositiveInfinity
[pscustomobject]@{ When = $d; Num = 1.5 } | Format-Table
