$sum = 1 +
    2 +
    3
$sum
1..3 |
    ForEach-Object { $_ * 2 }
Write-Output `
    'backtick continued'
$list = @(
    'x'
    'y'
)
$list.Count
