"[$notDefined]"
$notDefined -eq $null
$null -eq $notDefined.SomeProperty
