"""Remoting against OpenSSH's real sshd (the `sshd` fixture): Invoke-Command, remote jobs, sessions,
Enter-PSSession on a pseudo-terminal, failures of one host among many, throttling seen from the server side,
lost and silent servers, host-key and key checks."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import pslark_env


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


# ------------------------------------------------------------------------------------------------
# Invoke-Command

def test_invoke_command_to_one_alias_returns_decorated_results(sshd):
    r = sshd.run("$r = Invoke-Command -ComputerName Server01 -ScriptBlock { 'hello'; [pscustomobject]@{Answer = 42} }; "
                 "$r[0]; $r[1] | Select-Object -ExpandProperty Answer; "
                 "$r[1] | Select-Object -ExpandProperty PSComputerName; "
                 "$r[1] | Select-Object -ExpandProperty PSShowComputerName; "
                 "($r[1] | Select-Object -ExpandProperty RunspaceId) -is [guid]")
    assert r.stderr == ""
    assert lines(r) == ["hello", "42", "Server01", "True", "True"]


def test_invoke_command_table_shows_pscomputername(sshd):
    r = sshd.run("Invoke-Command -ComputerName Server01 { [pscustomobject]@{Name = 'a'} }")
    assert r.stderr == ""
    header = [ln for ln in lines(r) if ln.strip()][0]
    assert header.split()[:2] == ["Name", "PSComputerName"]
    assert "Server01" in r.stdout


def test_invoke_command_three_hosts_with_using_values_copied(sshd):
    sshd.clear_log()
    r = sshd.run("$x = 21; "
                 "Invoke-Command -ComputerName Server01, Server02, Server03 -ScriptBlock { "
                 "[pscustomobject]@{ Double = $using:x * 2; Pid = $PID } } | "
                 "Sort-Object PSComputerName | Format-Table PSComputerName, Double -AutoSize")
    assert r.stderr == ""
    rows = [ln.split() for ln in lines(r) if ln.strip()][2:]
    assert rows == [["Server01", "42"], ["Server02", "42"], ["Server03", "42"]]
    starts = [e for e in sshd.connections() if e[0] == "start"]
    assert len(starts) == 3                     # one server process per computer


def test_using_values_are_copies_not_references(sshd):
    r = sshd.run("$h = @{ n = 1 }; Invoke-Command -ComputerName Server01 { $v = $using:h; $v.n = 99; $v.n }; $h.n")
    assert r.stderr == ""
    assert lines(r) == ["99", "1"]


def test_arguments_input_and_pipeline(sshd):
    r = sshd.run("1, 2, 3 | Invoke-Command -ComputerName Server01 { param($a, $b) \"$a-$b\"; "
                 "$input | ForEach-Object { $_ * 10 } } -ArgumentList 'x', 'y'")
    assert r.stderr == ""
    assert lines(r) == ["x-y", "10", "20", "30"]


def test_results_of_several_hosts_interleave_as_they_arrive(sshd):
    r = sshd.run("$s1, $s2 = New-PSSession -ComputerName Server01, Server02; "
                 "Invoke-Command -Session $s1 { $d = 1500 }; Invoke-Command -Session $s2 { $d = 0 }; "
                 "Invoke-Command -Session $s1, $s2 { Start-Sleep -Milliseconds $d; \"end $d\" }; "
                 "Remove-PSSession -Session $s1, $s2")
    assert r.stderr == ""
    assert lines(r) == ["end 0", "end 1500"]


def test_hide_computer_name_hides_the_column(sshd):
    r = sshd.run("Invoke-Command -ComputerName Server01 -HideComputerName { [pscustomobject]@{Name = 'a'} } | "
                 "Format-Table")
    assert "PSComputerName" not in r.stdout
    r = sshd.run("Invoke-Command -ComputerName Server01 -HCN { [pscustomobject]@{N = 1} } | "
                 "Select-Object -ExpandProperty PSShowComputerName")
    assert lines(r) == ["False"]


def test_plain_values_over_ssh_carry_the_computer_name_and_act_as_values(sshd):
    r = sshd.run("$s, $n, $b = Invoke-Command -ComputerName Server01 { 'a'; 5; $true }; "
                 "$a = Invoke-Command -ComputerName Server01 { 1, 2, 3 }; "
                 "$s.PSComputerName; $n.PSComputerName; $b.PSShowComputerName; $s -is [string]; \"$s\"; $n + 1; "
                 "if ($b) { 'true' }; $a.PSComputerName -join ','; ($a | Measure-Object -Sum).Sum; "
                 "(Invoke-Command -ComputerName Server01 -HideComputerName { 'h' }).PSShowComputerName")
    assert r.stderr == ""
    assert lines(r) == ["Server01", "Server01", "True", "True", "a", "6", "true", "Server01,Server01,Server01",
                        "6", "False"]


def test_plain_values_from_several_hosts_print_as_plain_lines(sshd):
    r = sshd.run("Invoke-Command -ComputerName Server01, Server02 { 'line' } -ThrottleLimit 1")
    assert r.stderr == ""
    assert r.stdout == "line\nline\n"


def test_file_path_runs_a_local_script_remotely(sshd, tmp_path):
    script = tmp_path / "remote.ps1"
    script.write_text("param($Who)\n\"hello $Who from $(hostname)\"\n")
    r = sshd.run(f"Invoke-Command -ComputerName Server01 -FilePath '{script}' -ArgumentList 'you'")
    assert r.stderr == ""
    assert lines(r)[0].startswith("hello you from ")


def test_remote_errors_are_non_terminating_and_keep_their_text(sshd):
    r = sshd.run("Invoke-Command -ComputerName Server01 { 'before'; Get-Item /no/such/path; throw 'boom' }; 'after'")
    assert lines(r) == ["before", "after"]
    assert "Cannot find path '/no/such/path' because it does not exist." in r.stderr
    assert "boom" in r.stderr
    assert_no_traceback(r)


# ------------------------------------------------------------------------------------------------
# -AsJob

def test_asjob_gives_a_remote_job_and_receive_job_aggregates(sshd):
    r = sshd.run("$j = Invoke-Command -ComputerName Server01, Server02 { \"from $PID\" } -AsJob; "
                 "$j | Select-Object -ExpandProperty PSJobTypeName; $j | Select-Object -ExpandProperty Location; "
                 "Wait-Job -Job $j | Out-Null; "
                 "Get-Job -IncludeChildJob | Format-Table Id, Name, PSJobTypeName, State, Location -AutoSize; "
                 "(Receive-Job -Job $j).Count")
    assert r.stderr == ""
    out = lines(r)
    assert out[0] == "RemoteJob"
    assert out[1] == "Server01,Server02"
    rows = [ln.split() for ln in out if ln.strip()[:1].isdigit()]
    assert rows[0] == ["1", "Job1", "RemoteJob", "Completed", "Server01,Server02"]
    assert rows[1] == ["2", "Job2", "Completed", "Server01"]
    assert rows[2] == ["3", "Job3", "Completed", "Server02"]
    assert out[-1] == "2"


def test_job_name_implies_asjob(sshd):
    r = sshd.run("$j = Invoke-Command -ComputerName Server01 { 1 } -JobName Remote1; "
                 "$j | Select-Object -ExpandProperty Name; Receive-Job -Job $j -Wait")
    assert lines(r) == ["Remote1", "1"]


# ------------------------------------------------------------------------------------------------
# failures of one host

def test_unreachable_host_among_reachable_ones(sshd):
    r = sshd.run("Invoke-Command -ComputerName Server01, DownHost, Server02 { 'ok' }; 'after'")
    assert sorted(lines(r)) == ["after", "ok", "ok"]
    assert r.stderr.startswith("OpenError: [DownHost] The SSH client session has ended with error message: "
                               "ssh: connect to host 127.0.0.1 port ")
    assert "Connection refused" in r.stderr
    assert_no_traceback(r)


def test_unreachable_host_fails_only_its_child_job(sshd):
    r = sshd.run("$j = Invoke-Command -ComputerName Server01, DownHost, Server02 { 'ok' } -AsJob; "
                 "Wait-Job -Job $j | Out-Null; "
                 "$j | Select-Object -ExpandProperty State; "
                 "$j.ChildJobs | ForEach-Object { $_ | Select-Object -ExpandProperty State }; "
                 "Receive-Job -Job $j; "
                 "Get-Job -Id 3 | Select-Object -ExpandProperty JobStateInfo | Select-Object -ExpandProperty Reason")
    out = lines(r)
    assert out[0] == "Failed"
    assert out.count("ok") == 2
    assert "OpenError: [DownHost]" in r.stderr and "Connection refused" in r.stderr
    assert_no_traceback(r)


def test_error_action_stop_makes_the_transport_error_terminating(sshd):
    r = sshd.run("try { Invoke-Command -ComputerName DownHost { 1 } -ErrorAction Stop } "
                 "catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; $_.CategoryInfo.Category }")
    assert lines(r)[:1] == ["PSSessionStateBroken"]


def test_unknown_host_key_is_refused_with_the_host_named(sshd):
    r = sshd.run("Invoke-Command -ComputerName NewHost { 'should not run' }")
    assert r.stdout == ""
    assert r.stderr.startswith("OpenError: [NewHost] The SSH client session has ended with error message: Host key "
                               "verification failed: no ED25519 host key is known for '[127.0.0.1]:")
    assert "StrictHostKeyChecking" in r.stderr


def test_accept_new_is_an_explicit_opt_in(sshd):
    known = sshd.home / ".ssh" / "known_hosts_optin"
    known.write_text("")
    r = sshd.run(f"Invoke-Command -HostName NewHost -Options @{{ UserKnownHostsFile = '{known}'; "
                 f"StrictHostKeyChecking = 'accept-new' }} {{ 'in' }}")
    assert lines(r) == ["in"]
    assert "Permanently added '[127.0.0.1]:" in r.stderr
    assert "ssh-ed25519" in known.read_text()
    r = sshd.run(f"Invoke-Command -HostName NewHost -Options @{{ UserKnownHostsFile = '{known}' }} {{ 'again' }}")
    assert lines(r) == ["again"] and r.stderr == ""


def test_changed_host_key_is_refused(sshd):
    r = sshd.run("Invoke-Command -ComputerName ChangedHost { 'should not run' }")
    assert r.stdout == ""
    assert "OpenError: [ChangedHost]" in r.stderr
    assert "host key for '[127.0.0.1]:" in r.stderr and "has changed" in r.stderr


def test_wrong_key_is_refused(sshd):
    r = sshd.run("Invoke-Command -ComputerName WrongKey { 'should not run' }")
    assert r.stdout == ""
    assert r.stderr.startswith("OpenError: [WrongKey] The SSH client session has ended with error message: ")
    assert "Permission denied (publickey)." in r.stderr
    assert_no_traceback(r)


@pytest.mark.parametrize("alias", ["RsaHost", "EcdsaHost"])
def test_rsa_and_ecdsa_keys(sshd, alias):
    r = sshd.run(f"Invoke-Command -ComputerName {alias} {{ 'key ok' }}")
    assert lines(r) == ["key ok"], r.stderr


def test_hostname_user_at_host_colon_port_and_key_file(sshd):
    user = __import__("getpass").getuser()
    key = sshd.home / ".ssh" / "id_ed25519"
    known = sshd.home / ".ssh" / "known_hosts"
    r = sshd.run(f"Invoke-Command -HostName {user}@127.0.0.1:{sshd.port} -KeyFilePath '{key}' "
                 f"-Options @{{ UserKnownHostsFile = '{known}' }} {{ 'via hostname' }} | "
                 f"ForEach-Object {{ $_; $_.PSComputerName }}")
    assert lines(r)[0] == "via hostname", r.stderr


def test_missing_key_file_is_pwshs_error(sshd):
    r = sshd.run("Invoke-Command -HostName Server01 -KeyFilePath /no/such/key { 1 }")
    assert r.stderr.strip() == "OpenError: [Server01] The specified key file /no/such/key was not found."


def test_proxy_jump(sshd):
    r = sshd.run("Invoke-Command -ComputerName Jumped { 'through the jump host' }")
    assert lines(r) == ["through the jump host"], r.stderr


def test_connecting_timeout_against_a_server_that_never_speaks(sshd):
    import socket
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        start = time.monotonic()
        r = sshd.run(f"Invoke-Command -HostName 127.0.0.1 -Port {port} -ConnectingTimeout 1500 {{ 1 }}; 'after'")
        elapsed = time.monotonic() - start
    assert lines(r) == ["after"]
    assert r.stderr.strip() == "OpenError: [127.0.0.1] SSH connection attempt failed after time out: 1 seconds."
    assert elapsed < 15


def test_exec_fallback_when_the_subsystem_is_missing(sshd):
    r = sshd.run("Invoke-Command -HostName Server01 -Subsystem nosuchsubsystem { 'fallback works' }")
    assert lines(r) == ["fallback works"], r.stderr


# ------------------------------------------------------------------------------------------------
# sessions

def test_sessions_keep_state_and_are_listed(sshd):
    r = sshd.run("$s = New-PSSession -ComputerName Server01, Server02; "
                 "Invoke-Command -Session $s { $counter = 40 }; Invoke-Command -Session $s { $counter += 1 }; "
                 "Invoke-Command -Session $s { $counter + 1 }; "
                 "Invoke-Command -ComputerName Server01 { \"fresh: [$counter]\" }; "
                 "Get-PSSession | Format-Table Id, Name, Transport, ComputerName, ComputerType, State -AutoSize; "
                 "Remove-PSSession -Id 1; Get-PSSession | Select-Object -ExpandProperty Name; "
                 "$s | Select-Object -ExpandProperty State")
    assert r.stderr == ""
    out = lines(r)
    assert out[:3] == ["42", "42", "fresh: []"]
    rows = [ln.split() for ln in out if "Runspace" in ln and len(ln.split()) >= 6]
    assert rows == [["1", "Runspace1", "SSH", "Server01", "RemoteMachine", "Opened"],
                    ["2", "Runspace2", "SSH", "Server02", "RemoteMachine", "Opened"]]
    assert out[-3:] == ["Runspace2", "Closed", "Opened"]


def test_pssession_default_table(sshd):
    r = sshd.run("New-PSSession -ComputerName Server01", env={"COLUMNS": "160"})
    out = [ln for ln in lines(r) if ln.strip()]
    assert out[0].split()[:4] == ["Id", "Name", "Transport", "ComputerName"]
    row = next(ln for ln in out if "Runspace1" in ln)
    assert row.split()[:6] == ["1", "Runspace1", "SSH", "Server01", "RemoteMachine", "Opened"]


def test_session_errors(sshd):
    r = sshd.run("Get-PSSession -Id 7; Get-PSSession -Name nope; $s = New-PSSession -ComputerName DownHost; 'end'")
    assert lines(r) == ["end"]
    err = r.stderr.splitlines()
    assert err[0] == "Get-PSSession: The remote session with the session ID 7 is not available."
    assert err[1] == "Get-PSSession: The remote session with the name nope  is not available."
    assert err[2].startswith("OpenError: [DownHost] The SSH client session has ended with error message: ")


def test_closed_session_cannot_run_commands(sshd):
    r = sshd.run("$s = New-PSSession -ComputerName Server01; Remove-PSSession -Session $s; "
                 "Invoke-Command -Session $s { 1 }")
    assert "you cannot run a command  in the session.  The session state is Closed." in r.stderr
    assert "No valid sessions were specified." in r.stderr


def test_ssh_connection_hashtable(sshd):
    key = sshd.home / ".ssh" / "id_ed25519"
    r = sshd.run(f"Invoke-Command -SSHConnection @{{ HostName = 'Server01' }}, "
                 f"@{{ ComputerName = 'Server02'; KeyFilePath = '{key}' }} {{ 'hash' }}")
    assert lines(r) == ["hash", "hash"], r.stderr


# ------------------------------------------------------------------------------------------------
# throttling, stopping, lost and silent servers

def _max_overlap(events) -> int:
    live = best = 0
    for kind, _pid, _t in sorted(events, key=lambda e: (e[2], e[0] == "start")):
        live += 1 if kind == "start" else -1
        best = max(best, live)
    return best


def test_throttle_limit_two_against_four_hosts(sshd):
    sshd.clear_log()
    r = sshd.run("Invoke-Command -ComputerName Server01, Server02, Server03, Server04 -ThrottleLimit 2 "
                 "{ Start-Sleep -Milliseconds 1500; 'done' }")
    assert lines(r) == ["done"] * 4, r.stderr
    events = sshd.connections()
    assert len([e for e in events if e[0] == "start"]) == 4
    assert _max_overlap(events) == 2


def test_default_throttle_runs_four_hosts_at_once(sshd):
    sshd.clear_log()
    r = sshd.run("Invoke-Command -ComputerName Server01, Server02, Server03, Server04 "
                 "{ Start-Sleep -Milliseconds 2500; 'done' }")
    assert lines(r) == ["done"] * 4
    assert _max_overlap(sshd.connections()) == 4


def test_stop_job_closes_the_channel(sshd):
    sshd.clear_log()
    r = sshd.run("$j = Invoke-Command -ComputerName Server01 { Start-Sleep 60 } -AsJob; "
                 "while (-not (Get-Content ./connections.log)) { Start-Sleep -Milliseconds 100 }; Start-Sleep 1; "
                 "Stop-Job -Job $j; $j | Select-Object -ExpandProperty State; Start-Sleep -Milliseconds 800",
                 timeout=30)
    assert lines(r) == ["Stopped"]
    events = sshd.connections()
    assert [e[0] for e in events] == ["start", "end"]       # the server process ended with the channel


def _spawn(sshd, script: str) -> subprocess.Popen:
    env = pslark_env(sshd.env)
    return subprocess.Popen([sys.executable, "-m", "pslark.interpreter", "-NoProfile", "-Command", script],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=str(sshd.base))


def test_server_killed_mid_command(sshd):
    p = _spawn(sshd, "Invoke-Command -ComputerName Server01, Server02 { $PID; Start-Sleep 5; \"done $PID\" }; "
                     "'after'")
    try:
        first, second = int(p.stdout.readline()), int(p.stdout.readline())
        os.kill(first, signal.SIGKILL)
        out, err = p.communicate(timeout=30)
    finally:
        p.kill()
    assert out.splitlines() == [f"done {second}", "after"]
    assert err.startswith("OpenError: [Server0")
    assert ("The SSH client session has ended with error message: The SSH transport process has abruptly "
            "terminated causing this remote session to break.") in err
    assert "Traceback" not in err


def test_server_that_stops_answering_is_noticed(sshd):
    p = _spawn(sshd, "Invoke-Command -ComputerName QuickAlive { $PID; Start-Sleep 30; 'never' }; 'after'")
    pid = None
    try:
        pid = int(p.stdout.readline())
        os.kill(pid, signal.SIGSTOP)
        start = time.monotonic()
        out, err = p.communicate(timeout=30)
        elapsed = time.monotonic() - start
    finally:
        p.kill()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
    assert out.splitlines() == ["after"]
    assert err.strip() == ("OpenError: [QuickAlive] The SSH client session has ended with error message: Timeout, "
                           "server QuickAlive not responding.")
    assert elapsed < 15


def test_ctrl_c_stops_the_command_and_closes_the_channel(sshd):
    sshd.clear_log()
    p = _spawn(sshd, "Invoke-Command -ComputerName Server01 { $PID; Start-Sleep 60 }; 'not after'")
    try:
        remote = int(p.stdout.readline())
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=20)
    finally:
        p.kill()
    assert "not after" not in out
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{remote}"):
        time.sleep(0.1)
    assert not os.path.exists(f"/proc/{remote}")


# ------------------------------------------------------------------------------------------------
# hostile servers

@pytest.mark.parametrize("mode, expected", [
    ("big", "message of 104857600 bytes exceeds the frame limit of 16777216 bytes"),
    ("truncated", "the connection closed in the middle of a message"),
    ("garbage", "malformed message"),
    ("deep", "nested deeper than 256 levels"),
    ("badversion", "speaks pslark protocol version 99"),
    ("notpslark", "did not answer with the pslark protocol"),
])
def test_malformed_replies_give_a_clear_error_for_that_host(sshd, mode, expected):
    r = sshd.run(f"Invoke-Command -HostName Server01 -Subsystem hostile-{mode} {{ 'x' }}; "
                 f"Invoke-Command -ComputerName Server02 {{ 'healthy' }}")
    assert lines(r) == ["healthy"]
    assert r.stderr.startswith("OpenError: [Server01] An error has occurred which PowerShell cannot handle. A remote "
                               "session might have ended.")
    assert expected in r.stderr
    assert_no_traceback(r)


def test_hostile_values_are_data_never_code(sshd):
    marker = sshd.base / "pwned"
    r = sshd.run("Invoke-Command -HostName Server01 -Subsystem hostile-evil { 'x' } 2>&1 | Out-String | Out-Null; "
                 "$r = Invoke-Command -HostName Server01 -Subsystem hostile-evil { 'x' }; $r[0]; 'after'")
    assert "after" in lines(r)
    assert "$(New-Item" in r.stdout
    assert not marker.exists()
    assert_no_traceback(r)


def test_silent_server_times_out(sshd):
    r = sshd.run("Invoke-Command -HostName Server01 -Subsystem hostile-silent "
                 "-Options @{ ServerAliveInterval = 1; ServerAliveCountMax = 2 } { 'x' }; 'after'", timeout=60)
    assert lines(r) == ["after"]
    assert "Timeout, server Server01 not responding." in r.stderr


# ------------------------------------------------------------------------------------------------
# Enter-PSSession on a pseudo-terminal

def test_enter_pssession_through_a_pty(sshd):
    pexpect = pytest.importorskip("pexpect")
    env = pslark_env(sshd.env)
    env["TERM"] = "dumb"
    child = pexpect.spawn(sys.executable, ["-m", "pslark.interpreter", "-NoProfile", "-NoLogo"], env=env,
                          encoding="utf-8", timeout=30, cwd=str(sshd.base), dimensions=(40, 120))
    try:
        child.expect(r"PS [^\r\n]*> ")
        child.sendline("Enter-PSSession Server01")
        child.expect(r"\[Server01\]: PS [^\r\n]*> ")
        child.sendline("$x = 41; $x + 1")
        child.expect(r"\r\n42\r\n")
        child.expect(r"\[Server01\]: PS [^\r\n]*> ")
        child.sendline("Set-Location /tmp")
        child.expect(r"\[Server01\]: PS /tmp> ")
        child.sendline("Start-Sleep 30")
        time.sleep(1.5)
        child.sendintr()                                    # Ctrl+C stops the remote command, not the session
        child.expect(r"\[Server01\]: PS /tmp> ", timeout=10)
        child.sendline("\"still $x\"")
        child.expect("still 41")
        child.sendline("Get-Item /no/such/thing")
        child.expect("Cannot find path '/no/such/thing' because it does not exist.")
        child.expect(r"\[Server01\]: PS /tmp> ")
        child.sendline("Exit-PSSession")
        child.expect(r"\r\nPS [^\r\n]*> ")
        child.sendline("\"local x=[$x]\"")
        child.expect(r"local x=\[\]")
        child.sendline("$s = New-PSSession -ComputerName Server02; Enter-PSSession -Session $s")
        child.expect(r"\[Server02\]: PS [^\r\n]*> ")
        child.sendline("$kept = 'yes'")
        child.expect(r"\[Server02\]: PS [^\r\n]*> ")
        child.sendline("exit")
        child.expect(r"\r\nPS [^\r\n]*> ")
        child.sendline("Invoke-Command -Session $s { \"kept=$kept\" }")
        child.expect("kept=yes")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
