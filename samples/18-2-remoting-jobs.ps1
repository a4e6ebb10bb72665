# 18.2 Remoting-Jobs (seed chapter, section 18.2), as a runnable script.
#
# Note: pslark's -ComputerName goes over SSH (pwsh would use WinRM). "Server01" is whatever your
# ~/.ssh/config calls Server01, and that host needs pslark's SSH subsystem (see README, "Remoting server":
# `Subsystem pslark /path/to/pslark -sshs` in its sshd_config; without it pslark runs `pslark -sshs` there).
# For example, in ~/.ssh/config:
#
#   Host Server01
#       HostName server01.example.com
#       User admin
#       IdentityFile ~/.ssh/id_ed25519
#
# The host key must already be in ~/.ssh/known_hosts (connect once with ssh, or add
# "StrictHostKeyChecking accept-new" to the Host entry). Without a Server01, use 18-2-remoting-localhost.ps1.
#
# In a fresh session the remote job gets Id 1 and its one child job (the part that runs on Server01) Id 2,
# so "Receive-Job -Id 2" receives Server01's results.

# Job auf Remote-Computer starten
Invoke-Command -ComputerName Server01 -ScriptBlock { Get-Service } -AsJob

# Alle Jobs anzeigen
Get-Job

# Ergebnis abrufen (der Job soll erst fertig sein)
Wait-Job -Id 1 | Out-Null
Receive-Job -Id 2
