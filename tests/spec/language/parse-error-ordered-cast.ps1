# [ordered] only goes on a hash literal
$errors = $null
$null = [System.Management.Automation.Language.Parser]::ParseInput('$h = @{}; [ordered]$h', [ref]$null, [ref]$errors)
$errors.Count
$errors[0].ErrorId
$errors[0].Message
([ordered]@{ z = 1; a = 2 }).Keys -join ','
