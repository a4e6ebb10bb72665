"[$notDefined]"
$notDefined -eq $null
$notDefined.Length
