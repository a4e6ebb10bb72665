# errors from script blocks a cmdlet runs go to that cmdlet's (redirected) error stream
1 | ForEach-Object { Write-Error 'from foreach' } 2>$null
Invoke-Expression 'Write-Error "from iex"' 2>$null
1, 2 | Where-Object { Write-Error 'from where'; $true } 2>$null
1 | ForEach-Object -ErrorVariable caught { Write-Error 'collected' } 2>$null
"caught: $caught"
# a downstream function keeps the streams of its own place in the pipeline
function Show-Input { process { "got $_" } }
1 | ForEach-Object { $_ } 2>$null | Show-Input
