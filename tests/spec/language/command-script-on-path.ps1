# a script on PATH runs by its name, with or without .ps1 (it need not be executable); a program of the same
# name comes first
$dir = Join-Path ([System.IO.Path]::GetTempPath()) "pslark-script-path-$PID"
$null = New-Item -ItemType Directory -Path $dir -Force
Set-Content -Path (Join-Path $dir 'Say-Hello.ps1') -Value "'hello from the script'"
Set-Content -Path (Join-Path $dir 'twin.ps1') -Value "'the script'"
Set-Content -Path (Join-Path $dir 'twin') -Value "#!/bin/sh`necho 'the program'"
chmod +x (Join-Path $dir 'twin')
$env:PATH = $dir + [System.IO.Path]::PathSeparator + $env:PATH
Say-Hello.ps1
Say-Hello
twin
Remove-Item -Recurse -Force $dir
