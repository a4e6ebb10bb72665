# An integer (or numeric string) converts to an enum only when it names a member (or, for a [Flags] enum,
# only known bits); Write-Host's colours are ConsoleColor values, so numbers and names both bind
[DayOfWeek]3
[DayOfWeek]'5'
[System.IO.FileAttributes]33
foreach ($v in 7, -1, '9') {
    try { [DayOfWeek]$v } catch { $_.Exception.Message.Split("`n")[0] }
}
try { Write-Host 'never shown' -ForegroundColor 16 } catch { $_.FullyQualifiedErrorId }
try { Write-Host 'never shown' -BackgroundColor Purple } catch { $_.FullyQualifiedErrorId }
Write-Host 'twelve is red' -ForegroundColor 12
Write-Host 'by name' -ForegroundColor DarkGreen -BackgroundColor ([ConsoleColor]::Gray)
