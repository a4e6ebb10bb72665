# The CSV cmdlets' -Delimiter is [ValidateNotNull]: $null is refused at binding instead of becoming a NUL char;
# -Header refuses an empty list.
'a,b', '1,2' | Set-Content -Path ./csv_delimiter_not_null.tmp.csv
try { Import-Csv -Path ./csv_delimiter_not_null.tmp.csv -Delimiter $null } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { 'a,b' | ConvertFrom-Csv -Delimiter $null } catch { $_.FullyQualifiedErrorId }
try { [pscustomobject]@{ a = 1 } | ConvertTo-Csv -Delimiter $null } catch { $_.FullyQualifiedErrorId }
try { [pscustomobject]@{ a = 1 } | Export-Csv -Path ./csv_delimiter_not_null.tmp.csv -Delimiter $null } catch { $_.FullyQualifiedErrorId }
try { 'a,b' | ConvertFrom-Csv -Header @() } catch { $_.FullyQualifiedErrorId }
try { Import-Csv -Path ./csv_delimiter_not_null.tmp.csv -Header @() } catch { $_.FullyQualifiedErrorId }
Import-Csv -Path ./csv_delimiter_not_null.tmp.csv -Delimiter ',' | ForEach-Object { "$($_.a)/$($_.b)" }
Remove-Item ./csv_delimiter_not_null.tmp.csv
