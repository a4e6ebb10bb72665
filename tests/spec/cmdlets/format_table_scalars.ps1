# Strings and numbers are written with their ToString even when properties are named: pwsh does this by design
# (issue #18523, Format-Table docs NOTES); -Force formats them like any other object.
'a', 'bb' | Format-Table @{n = 'Len'; e = { $_.Length } }, @{n = 'Up'; e = { $_.ToUpper() } }
'a', 'bb' | Format-List @{n = 'Len'; e = { $_.Length } }, @{n = 'Up'; e = { $_.ToUpper() } }
'a', 'bb' | Format-Table Length
1000, 2000 | Format-Table -Property @{ name = 'Num'; expression = { '{0:N0}' -f $_ } }
'-Force:'
'a', 'bb' | Format-Table -Force @{n = 'Len'; e = { $_.Length } }, @{n = 'Up'; e = { $_.ToUpper() } }
'a', 'bb' | Format-List -Force @{n = 'Len'; e = { $_.Length } }, @{n = 'Up'; e = { $_.ToUpper() } }
'a', 'bb' | Format-Table -Force Length
1000, 2000 | Format-Table -Force -Property @{ name = 'Num'; expression = { '{0:N0}' -f $_ } }
