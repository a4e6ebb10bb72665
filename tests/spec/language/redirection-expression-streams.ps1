# redirections on an expression apply to the commands inside it; `*>` leaves an earlier `>` alone
$(Write-Error 'hidden'; 'shown') 2>$null
$out = Join-Path ([IO.Path]::GetTempPath()) "pslark-redir-$PID-out.txt"
$rest = Join-Path ([IO.Path]::GetTempPath()) "pslark-redir-$PID-rest.txt"
$(Write-Warning 'to rest'; 42) > $out *> $rest
(Get-Content $out) -join '|'
(Get-Content $rest) -join '|'
Remove-Item $out, $rest
