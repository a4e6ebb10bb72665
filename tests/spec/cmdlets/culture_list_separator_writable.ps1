# A CultureInfo made with its constructor is writable: its TextInfo.ListSeparator can change, and once it is the
# current culture, the CSV cmdlets' -UseCulture use that separator. Shared cultures stay read-only.
$c = [System.Globalization.CultureInfo]::new('en-US')
$c.IsReadOnly
$c.TextInfo.IsReadOnly
$c.TextInfo.ListSeparator
$c.TextInfo.ListSeparator = '|'
$c.TextInfo.ListSeparator
[System.Globalization.CultureInfo]::new('en-US').TextInfo.ListSeparator
[System.Globalization.CultureInfo]::CurrentCulture = $c
[pscustomobject]@{ Name = 'x'; Size = 3 } | ConvertTo-Csv -UseCulture
'Name|Size', 'y|4' | ConvertFrom-Csv -UseCulture | ForEach-Object { "$($_.Name)=$($_.Size)" }
[System.Globalization.CultureInfo]::InvariantCulture.IsReadOnly
try {
    [System.Globalization.CultureInfo]::InvariantCulture.TextInfo.ListSeparator = ';'
} catch {
    $_.Exception.GetType().Name
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
try { $c.TextInfo.ListSeparator = $null } catch { $_.Exception.Message }
