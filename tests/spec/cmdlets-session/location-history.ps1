Set-Location /
Set-Location /tmp
Set-Location -
$PWD.Path
Set-Location +
$PWD.Path
