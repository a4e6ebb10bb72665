"""Remoting: Invoke-Command, PSSessions and remote jobs over SSH (paramiko) or a local worker process.

sshconfig.py reads ~/.ssh/config; transport.py opens a link (an SSH channel to the `pslark` subsystem, or a
local `pslark -s` worker) that carries the framed protocol of runtime/wire; session.py holds PSSession objects
and the RemoteJob; interactive.py is what the REPL calls for Enter-PSSession / Exit-PSSession.
"""
