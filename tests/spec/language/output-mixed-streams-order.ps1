'out 1'
Write-Warning 'warn'
'out 2'
Write-Host 'host'
Write-Verbose 'verbose' -Verbose
'out 3'
