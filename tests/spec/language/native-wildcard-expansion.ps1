# On Unix a native command's unquoted arguments with wildcards become the matching paths (sorted, relative
# stays relative, no match keeps the word); a leading ~ in a bareword is the home folder; quotes stop both
$dir = Join-Path ([System.IO.Path]::GetTempPath()) "pslark-native-glob-$PID"
$null = New-Item -ItemType Directory -Path $dir -Force
'' > "$dir/b.txt"; '' > "$dir/a.txt"; '' > "$dir/c.log"
Push-Location $dir
/bin/echo *.txt
/bin/echo ./*.txt
/bin/echo "*.txt" '*.txt'
$pattern = '[ab].txt'
/bin/echo $pattern "$pattern"
/bin/echo *.none
(/bin/echo ~) -eq $ExecutionContext.SessionState.Provider.Get('FileSystem').Home
/bin/echo '~' "~/x"
Pop-Location
Remove-Item -Recurse -Force $dir
