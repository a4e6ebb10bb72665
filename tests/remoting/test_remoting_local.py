"""Remoting without an SSH server: -ComputerName localhost / . runs through a local worker process with the
same protocol; Invoke-Command with no computer runs in the caller's runspace; parameter sets and errors."""
from __future__ import annotations

import os

from tests.conftest import run_pslark


def ps(script: str, **kw):
    return run_pslark(["-NoProfile", "-Command", script], **kw)


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_localhost_runs_in_a_worker_process_with_the_same_protocol():
    r = ps("$x = 'copied'; $r = Invoke-Command -ComputerName localhost { $PID; $using:x; "
           "[pscustomobject]@{ Where = (Get-Location).Path } }; "
           "$r[0] -ne $PID; $r[1]; $r[2].Where -eq $HOME; $r[2].PSComputerName; $r[2].PSShowComputerName")
    assert r.stderr == ""
    assert lines(r) == ["True", "copied", "True", "localhost", "True"]


def test_dot_is_localhost():
    r = ps("Invoke-Command -ComputerName . { [pscustomobject]@{ A = 1 } } | "
           "Select-Object -ExpandProperty PSComputerName")
    assert lines(r) == ["localhost"]


def test_localhost_asjob_is_a_remote_job():
    r = ps("$j = Invoke-Command -ComputerName localhost, . { 'x' } -AsJob; "
           "$j.PSJobTypeName; $j.Location; $j.ChildJobs.Count; $j.ChildJobs[0].PSJobTypeName -eq ''; "
           "Receive-Job -Job $j -Wait -AutoRemoveJob; @(Get-Job).Count")
    assert r.stderr == ""
    assert lines(r) == ["RemoteJob", "localhost,localhost", "2", "True", "x", "x", "0"]


def test_localhost_session_keeps_state():
    r = ps("$s = New-PSSession -ComputerName localhost; Invoke-Command -Session $s { $n = 1 }; "
           "Invoke-Command -Session $s { $n + 1 }; $s.Transport; $s.ComputerType; $s.Name -like 'Runspace*'; "
           "Remove-PSSession $s; $s.State")
    assert r.stderr == ""
    assert lines(r) == ["2", "Process", "RemoteMachine", "True", "Closed"]


def test_no_computer_runs_locally_in_a_child_scope():
    r = ps("$a = 1; Invoke-Command { $a; $a = 2; $args[0]; $input } -ArgumentList 'arg' -InputObject 'in'; $a; "
           "Invoke-Command { $a = 3 } -NoNewScope; $a")
    assert r.stderr == ""
    assert lines(r) == ["1", "arg", "in", "1", "3"]


def test_using_in_a_local_invoke_command_is_pwshs_error():
    r = ps("$x = 1; Invoke-Command { $using:x }")
    assert "A Using variable cannot be retrieved. A Using variable can be used only with Invoke-Command, " \
           "Start-Job, or InlineScript in the script workflow." in r.stderr


def test_pipeline_input_goes_to_the_local_block():
    r = ps("1..3 | Invoke-Command { $input | ForEach-Object { $_ * 2 } }")
    assert lines(r) == ["2", "4", "6"]


def test_parameter_sets_and_aliases():
    for script in ("Invoke-Command -ComputerName a -UserName u { 1 }", "Invoke-Command -HostName a -ThrottleLimit 3 { 1 }",
                   "Invoke-Command -Session $s -HostName a { 1 }", "Invoke-Command { 1 } -AsJob -NoNewScope"):
        r = ps(script)
        assert r.stderr.startswith("Invoke-Command: Parameter set cannot be resolved using the specified named "
                                   "parameters."), script
    r = ps("Invoke-Command -Cn localhost -Command { 'alias ok' } -HCN -Args 1")
    assert lines(r) == ["alias ok"]
    r = ps("icm localhost { 'positional computer' }")
    assert lines(r) == ["positional computer"]


def test_ssh_transport_false_is_refused():
    r = ps("Invoke-Command -HostName somewhere -SSHTransport:$false { 1 }")
    assert "Cannot validate argument on parameter 'SSHTransport'." in r.stderr


def test_ssh_connection_hashtable_errors():
    cases = {
        "@{ ComputerName = 'h'; '' = 'x' }": "The provided SSHConnection hashtable parameter name or element is null "
                                            "or empty.",
        "@{ HostName = $null }": "The provided SSHConnection hashtable parameter name or element is null or empty.",
        "@{ ComputerName = 'h'; Unknown = 'x' }": "The provided SSHConnection hashtable parameter Unknown is not "
                                                 "supported.",
        "@{ UserName = 'u' }": "The provided SSHConnection hashtable is missing the required ComputerName or "
                               "HostName parameter.",
        "@{ ComputerName = 'a'; HostName = 'b' }": "The provided SSHConnection hashtable contains both a "
                                                   "ComputerName and HostName parameter.  Only one can be specified.",
        "@{ ComputerName = 'a'; KeyFilePath = 'x'; IdentityFilePath = 'y' }":
            "The provided SSHConnection hashtable contains both a KeyFilePath and IdentityFilePath parameter.  Only "
            "one can be specified.",
    }
    for table, message in cases.items():
        r = ps(f"try {{ New-PSSession -SSHConnection {table} }} catch {{ $_.FullyQualifiedErrorId; "
               f"$_.Exception.Message }}")
        assert lines(r) == ["Argument,Microsoft.PowerShell.Commands.NewPSSessionCommand", message], table


def test_port_out_of_range_is_a_validation_error():
    r = ps("Invoke-Command -HostName h -Port 70000 { 1 }")
    assert "Cannot validate argument on parameter 'Port'." in r.stderr


def test_unresolvable_host_is_an_open_error():
    r = ps("Invoke-Command -HostName no-such-host.invalid { 1 }; 'after'",
           env={"HOME": os.environ.get("TMPDIR", "/tmp")})
    assert lines(r) == ["after"]
    assert r.stderr.startswith("OpenError: [no-such-host.invalid] The SSH client session has ended with error "
                               "message: ssh: Could not resolve hostname no-such-host.invalid")


def test_enter_pssession_needs_an_interactive_host():
    r = ps("Enter-PSSession -ComputerName localhost")
    assert "The host does not support Enter-PSSession and Exit-PSSession." in r.stderr


def test_exit_pssession_outside_a_session_does_nothing():
    r = ps("Exit-PSSession; 'still here'")
    assert r.stderr == "" and lines(r) == ["still here"]


def test_get_pssession_is_empty_and_remove_by_unknown_name_errors():
    r = ps("@(Get-PSSession).Count; Remove-PSSession -Name nope")
    assert lines(r) == ["0"]
    assert "The remote session with the name nope  is not available." in r.stderr


def test_this_machines_name_is_local_too():
    import socket
    name = socket.gethostname()
    r = ps(f"Invoke-Command -ComputerName '{name}' {{ [pscustomobject]@{{ P = $PID }} }} | "
           f"Select-Object -ExpandProperty PSComputerName", env={"HOME": "/nonexistent-home"})
    assert lines(r) == [name], r.stderr
