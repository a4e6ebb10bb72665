$PID -gt 0
$PWD.Path -eq (Get-Location).Path
$HOME -eq $env:HOME
"$($PSVersionTable.PSVersion.Major).$($PSVersionTable.PSVersion.Minor)"
