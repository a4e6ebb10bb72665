# [Parser]::ParseInput returns the syntax errors instead of throwing them
$tokens = $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseInput('if ($x) { 1 ', [ref]$tokens, [ref]$errors)
$errors.Count
$errors[0].ErrorId
$errors[0].IncompleteInput
$errors[0].Extent.StartOffset
$errors[0].Extent.StartScriptPosition.ColumnNumber
$errors[0].Message
$ast = [System.Management.Automation.Language.Parser]::ParseInput('Get-Item . ; 1 + 2', [ref]$tokens, [ref]$errors)
$errors.Count
$tokens[0].Text
$ast.Extent.Text
& $ast.GetScriptBlock() | Select-Object -Last 1
$null = [System.Management.Automation.Language.Parser]::ParseInput('a && &', [ref]$null, [ref]$errors)
"$($errors[0].ErrorId) $($errors[0].IncompleteInput)"
try { [scriptblock]::Create('1 +') } catch { $_.Exception.InnerException.Errors[0].ErrorId }
