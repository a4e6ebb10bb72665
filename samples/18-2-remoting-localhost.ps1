# 18.2 Remoting-Jobs (seed chapter, section 18.2) against this machine, so it runs anywhere.
# -ComputerName localhost (or .) starts a local pslark worker that speaks the same protocol as an SSH
# remote, so no SSH server is needed; everything else is as in 18-2-remoting-jobs.ps1.
# The remote job gets Id 1 and its child job (the part that runs on localhost) Id 2.

# Job auf Remote-Computer starten
Invoke-Command -ComputerName localhost -ScriptBlock { Get-Service } -AsJob

# Alle Jobs anzeigen
Get-Job

# Ergebnis abrufen (der Job soll erst fertig sein)
Wait-Job -Id 1 | Out-Null
Receive-Job -Id 2
