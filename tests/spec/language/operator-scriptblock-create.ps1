$sb = [scriptblock]::Create('param($n) $n * 3')
& $sb 4
$sb.GetType().Name
$text = '"created " + (1 + 1)'
& ([scriptblock]::Create($text))
