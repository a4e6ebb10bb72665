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
                   "Invoke-Command { 1 } -AsJob -NoNewScope"):
        r = ps(script)
        assert r.stderr.startswith("Invoke-Command: Parameter set cannot be resolved using the specified named "
                                   "parameters."), script
    # named arguments are validated as they bind, before the parameter set is resolved: $s is $null here
    r = ps("Invoke-Command -Session $s -HostName a { 1 }")
    assert r.stderr.startswith("Invoke-Command: Cannot validate argument on parameter 'Session'. The argument is null "
                               "or empty.")
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


# ------------------------------------------------------------------------------------------------
# plain values carry PSComputerName, RunspaceId and PSShowComputerName (pwsh's PSRemotingChildJob decorates
# every output object) and still behave as the value itself

def test_plain_values_carry_the_remoting_properties():
    r = ps("$s, $n, $b, $d = Invoke-Command -ComputerName localhost { 'a'; 5; $false; [datetime]'2024-01-02' }; "
           "foreach ($v in $s, $n, $b, $d) { '{0}|{1}|{2}' -f $v.PSComputerName, $v.PSShowComputerName, "
           "($v.RunspaceId -is [guid]) }; "
           "$s -is [string]; $n -is [int]; $b -is [bool]; $d -is [datetime]; $s.GetType().FullName")
    assert r.stderr == ""
    assert lines(r) == ["localhost|True|True"] * 4 + ["True"] * 4 + ["System.String"]


def test_plain_values_act_as_their_base_value():
    r = ps("$s, $n, $b, $t = Invoke-Command -ComputerName localhost { 'a'; 5; $false; $true }; "
           "$n + 1; 1 + $n; $n * 2; [int]$n; \"$s\"; \"[$(Invoke-Command -ComputerName localhost { 'x' })]\"; "
           "$s + 'b'; $s -eq 'A'; 'a' -eq $s; $n -eq 5; $n -gt 4; "
           "if ($b) { 'b is true' } else { 'b is false' }; if ($t) { 't is true' }; !$b; [bool]$b; "
           "switch ($n) { 5 { 'switch 5' } }; switch ($s) { 'a' { 'switch a' } }; "
           "$s.Length; $s.ToUpper(); $h = @{ a = 1 }; $h[$s]; $k = @{}; $k[$s] = 2; $k['a']; "
           "$s | ConvertTo-Json; $n | ConvertTo-Json -Compress | ForEach-Object { $_ -replace '[0-9a-f-]{36}', 'ID' }")
    assert r.stderr == ""
    assert lines(r) == ["6", "6", "10", "5", "a", "[x]", "ab", "True", "True", "True", "True", "b is false",
                        "t is true", "True", "False", "switch 5", "switch a", "1", "A", "1", "2", '"a"',
                        '{"value":5,"PSComputerName":"localhost","RunspaceId":"ID","PSShowComputerName":true}']


def test_array_of_ints_each_decorated_and_summed():
    r = ps("$a = Invoke-Command -ComputerName localhost { 1, 2, 3 }; $a.Count; $a.PSComputerName; "
           "($a | Measure-Object -Sum).Sum; $a[1] * 10; $a -join ','")
    assert r.stderr == ""
    assert lines(r) == ["3", "localhost", "localhost", "localhost", "6", "20", "1,2,3"]


def test_plain_values_print_as_themselves():
    r = ps("Invoke-Command -ComputerName localhost { 'just a line'; 42; $true; 1.5 }")
    assert r.stderr == ""
    assert r.stdout == "just a line\n42\nTrue\n1.5\n"


def test_hide_computer_name_sets_psshowcomputername_false():
    r = ps("$s = Invoke-Command -ComputerName localhost -HideComputerName { 'a' }; "
           "$s.PSShowComputerName; $s.PSComputerName; "
           "(Invoke-Command -ComputerName localhost { 'a' }).PSShowComputerName")
    assert r.stderr == ""
    assert lines(r) == ["False", "localhost", "True"]


def test_hide_computer_name_drops_the_column_of_a_view():
    r = ps("Invoke-Command -ComputerName localhost { [version]'1.2.3' }")
    assert lines(r)[1].split() == ["Major", "Minor", "Build", "Revision", "PSComputerName"]
    r = ps("Invoke-Command -ComputerName localhost -HideComputerName { [version]'1.2.3' }")
    assert lines(r)[1].split() == ["Major", "Minor", "Build", "Revision"]


def test_a_hashtable_result_keeps_its_keys_and_splats():
    r = ps("function f($Name, $Value) { \"$Name=$Value\" }; "
           "$h = Invoke-Command -ComputerName localhost { @{ Name = 'n'; Value = 2 } }; "
           "$h.PSComputerName; $h.Name; $h['Value']; $h -is [hashtable]; f @h")
    assert r.stderr == ""
    assert lines(r) == ["localhost", "n", "2", "True", "n=2"]


def test_decorated_values_keep_their_notes_when_sent_again():
    r = ps("$s = Invoke-Command -ComputerName localhost { 'a' }; "
           "Invoke-Command -ComputerName localhost { $v = $using:s; $v + 'b'; $v.PSComputerName; $v -is [string] }")
    assert r.stderr == ""
    assert lines(r) == ["ab", "localhost", "True"]


def test_start_job_results_carry_localhost_hidden():
    r = ps("$r = Start-Job { 'x'; 7 } | Receive-Job -Wait -AutoRemoveJob; $r; "
           "$r[0].PSComputerName; $r[0].PSShowComputerName; $r[1].RunspaceId -is [guid]; $r[1] + 1")
    assert r.stderr == ""
    assert lines(r) == ["x", "7", "localhost", "False", "True", "8"]


def test_credential_is_not_in_the_ssh_parameter_sets():
    for command in ("Invoke-Command -HostName h -Credential $c { 1 }", "New-PSSession -HostName h -Credential $c",
                    "Enter-PSSession -HostName h -Credential $c"):
        name = command.split()[0]
        r = ps(f"$c = [pscredential]::new('u', [securestring]::new()); "
               f"try {{ {command} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
        assert lines(r) == [f"AmbiguousParameterSet,Microsoft.PowerShell.Commands.{name.replace('-', '')}Command",
                            "Parameter set cannot be resolved using the specified named parameters. One or more "
                            "parameters issued cannot be used together or an insufficient number of parameters were "
                            "provided."], command


def test_credential_with_computer_name_is_refused_clearly():
    r = ps("$c = [pscredential]::new('u', [securestring]::new()); "
           "Invoke-Command -ComputerName localhost -Credential $c { 1 }")
    assert lines(r) == []
    assert "The Credential parameter is not supported by pslark: remoting uses SSH" in r.stderr
