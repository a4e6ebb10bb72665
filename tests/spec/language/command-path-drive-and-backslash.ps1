# a command written as a path runs the script there: drive-qualified (Temp:) or with `\` separators
$name = "pslark-cmd-path-$PID.ps1"
$full = Join-Path ([System.IO.Path]::GetTempPath()) $name
Set-Content -Path $full -Value "'ran ' + `$MyInvocation.MyCommand.Name.StartsWith('pslark-cmd-path')"
& "Temp:\$name"
& "Temp:/$name"
& ($full.Replace('/', '\'))
Remove-Item $full
