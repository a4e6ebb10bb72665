# 18.5 Best Practices (seed chapter, section 18.5): clean up every job when done.
Start-ThreadJob { 'kurz' } | Out-Null
Start-Job { 'komplex' } | Out-Null
Get-Job | Wait-Job | Out-Null
Get-Job | Receive-Job
Get-Job | Remove-Job
Get-Job
'Alle Jobs aufgeräumt.'
