# 18.3 ThreadJobs (seed chapter, section 18.3), as a runnable script.
# In a fresh session the thread job gets Id 1 (pwsh numbers jobs per process; the chapter's "-Id 3"
# assumes the jobs of 18.1 and 18.2 were started first in the same session).

# ThreadJob starten (PS 7+)
$job = Start-ThreadJob -ScriptBlock { Get-Date; Start-Sleep 3; Get-Date }
$job

# Jobs überwachen
Get-Job

# Ergebnis abholen (nach dem Warten)
Wait-Job -Id $job.Id | Out-Null
Receive-Job -Id $job.Id
