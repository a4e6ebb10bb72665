Write-Host 'plain'
Write-Host 'a' 'b' 'c'
Write-Host 'no newline ' -NoNewline
Write-Host 'continued'
Write-Host 1, 2, 3 -Separator ', '
Write-Host -Object 'colour ignored when redirected' -ForegroundColor Red
