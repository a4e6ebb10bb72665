Set-Location /
Push-Location /tmp
"$PWD"
Pop-Location
"$PWD"
