sh -c 'exit 3'
$?
$LASTEXITCODE
sh -c 'echo from-sh'
$?
$LASTEXITCODE
