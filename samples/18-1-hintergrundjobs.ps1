# 18.1 Hintergrundjobs (seed chapter, section 18.1), as a runnable script.
# A person at a prompt would simply wait before Receive-Job; a script says so with Wait-Job.

# Job starten
Start-Job -ScriptBlock { Get-Process }

# Aktive Jobs anzeigen
Get-Job

# Ergebnisse abrufen (der Job soll erst fertig sein)
Wait-Job -Id 1 | Out-Null
Receive-Job -Id 1

# Jobs entfernen
Remove-Job -Id 1
