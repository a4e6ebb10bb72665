#! env: LANG=C
# TimeSpan: the default view is a list of 11 properties; Format-Table uses its table view (no widths: autosized)
[timespan]::new(-1, 2, 3, 4)
[timespan]::new(1, 2, 3, 4, 5) | Format-Table
