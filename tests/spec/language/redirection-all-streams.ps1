& {
    'out'
    Write-Warning 'warn'
    Write-Error 'err'
    Write-Verbose 'verb' -Verbose
    Write-Information 'info' -InformationAction Continue
} *> $null
'after'
