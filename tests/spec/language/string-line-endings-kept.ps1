# A string literal spanning lines keeps the line endings of the text it was written in (LF, CRLF or a lone
# CR), in a script file as in Invoke-Expression; here-strings accept all three too
$dir = Join-Path ([System.IO.Path]::GetTempPath()) "pslark-line-endings-$PID"
$null = New-Item -ItemType Directory -Path $dir -Force
foreach ($ending in "`n", "`r`n", "`r") {
    $name = @{ "`n" = 'LF'; "`r`n" = 'CRLF'; "`r" = 'CR' }[$ending]
    $body = "one${ending}two"
    foreach ($quote in @("'", "'"), @('"', '"'), @("@'$ending", "$ending'@"), @("@`"$ending", "$ending`"@")) {
        $text = $quote[0] + $body + $quote[1]
        $fromIex = Invoke-Expression $text
        $file = Join-Path $dir 'case.ps1'
        Set-Content -Path $file -Value $text -NoNewline
        $fromFile = & $file
        "{0,-4} {1,-4} iex:{2} file:{3}" -f $name, $quote[0].Trim(), ($fromIex -eq $body), ($fromFile -eq $body)
    }
}
Remove-Item -Recurse -Force $dir
