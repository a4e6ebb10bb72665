# a native program's stderr merged with 2>&1: one ErrorRecord per line, the first NativeCommandError and the
# rest NativeCommandErrorMessage; Out-String gives the text back as written
$out = & /bin/sh -c 'printf "one\n\ntwo" >&2; printf "three\n" >&2' 2>&1
$out | ForEach-Object { "$($_.FullyQualifiedErrorId) <$($_.Exception.Message)>" }
($out | Out-String) -eq "one`n`ntwothree`n"
