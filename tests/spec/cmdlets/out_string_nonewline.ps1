# Out-String -NoNewline joins without adding line ends but keeps the newlines inside a string;
# -Stream and -NoNewline are in different parameter sets
$joined = 'first', "second`nthird", 'fourth' | Out-String -NoNewline
$joined
'---'
$joined.Length
try { 'x' | Out-String -Stream -NoNewline } catch { $_.FullyQualifiedErrorId }
