Write-Error 'e1' -ErrorAction SilentlyContinue
Write-Error 'e2' -ErrorAction SilentlyContinue
$Error.Count
$Error[0].Exception.Message
$Error[1].Exception.Message
