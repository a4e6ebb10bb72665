# An array's GetEnumerator() is an enumerator with its own position
$numbers = 10, 20, 30, 40
$e = $numbers.GetEnumerator()
try { $e.Current } catch { $_.Exception.InnerException.Message }
$e.MoveNext()
$e.Current
& { param($x) } $e          # passing it as an argument does not move it
$e.Current
$e | ForEach-Object { "rest $_" }      # the pipeline takes what is left
$e.MoveNext()
$e.Reset()
$e.MoveNext()
$e.Current
foreach ($n in $numbers.GetEnumerator()) { $n }
