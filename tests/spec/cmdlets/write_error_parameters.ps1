# Write-Error: -Message goes with -Exception (as ErrorDetails), the category overrides fill CategoryInfo,
# -RecommendedAction alone makes ErrorDetails from the record's text, and the plain message is a WriteErrorException
$ex = [System.ArgumentNullException]::new('pname')
$e = Write-Error -Exception $ex -Message 'details here' -ErrorId Custom.Id -Category SyntaxError -TargetObject 42 `
    -CategoryActivity act -CategoryReason why -CategoryTargetName tname -CategoryTargetType ttype 2>&1
$e.FullyQualifiedErrorId
$e.Exception.GetType().FullName
$e.ErrorDetails.Message
$e.TargetObject
$e.CategoryInfo.GetMessage()
$e.CategoryInfo.TargetName + '|' + $e.CategoryInfo.TargetType
$f = Write-Error 'plain text' -Activity A1 -Reason R1 -TargetName N1 -TargetType T1 -RecommendedAction 'try again' 2>&1
$f.CategoryInfo.GetMessage()
$f.ErrorDetails.Message
$f.ErrorDetails.RecommendedAction
$f.Exception.GetType().FullName
$f.Exception -is [System.SystemException]
$f.Exception -is [System.Management.Automation.RuntimeException]
try { Write-Error 'stop here' -ErrorAction Stop } catch { $_.Exception.GetType().Name }
