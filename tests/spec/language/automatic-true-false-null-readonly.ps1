$true -eq 1
$false -eq 0
$null -eq $undefinedVariable
@($null).Count
@($null, $null).Count
