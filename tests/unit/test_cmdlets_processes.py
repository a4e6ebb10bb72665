"""Get/Stop/Start/Wait-Process and Get-Service. The tests only look at processes they start themselves and at
service tables they make up (no dependence on this machine's process list or services).

"Pester:" cases come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Management/
Get-Process.Tests.ps1, Stop-Process.Tests.ps1, Start-Process.Tests.ps1, Wait-Process.Tests.ps1, Get-Service.Tests.ps1.
"""
from __future__ import annotations

import os
import subprocess
import time

import pytest

from pslark.runtime.cmdlets import processes as P
from pslark.runtime.sysobjects import Process, ServiceController, parse_status_all, parse_systemctl
from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


@pytest.fixture
def sleeper():
    proc = subprocess.Popen(["sleep", "30"])
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_get_process_by_id(sleeper, tmp_path):
    ctx = new_context(str(tmp_path))
    p = run_cmdlet(ctx, "Get-Process", Id=sleeper.pid).value
    assert isinstance(p, Process)
    assert p.ps_get("Id") == sleeper.pid and p.ps_get("ProcessName") == "sleep" and p.ps_get("Name") == "sleep"
    assert p.type_names[0] == "System.Diagnostics.Process"
    assert p.ps_get("WS") == p.ps_get("WorkingSet64") and p.ps_get("WS") > 0
    assert isinstance(p.ps_get("CPU"), float)
    assert p.ps_get("Path").endswith("/sleep")
    assert p.ps_get("MainModule").ps_get("ModuleName") == "sleep"
    assert p.ps_get("Threads").__len__() >= 1
    assert p.ps_get("HasExited") is False
    assert p.ps_get("StartTime") is not None
    assert p.ps_invoke("ToString", []) == "System.Diagnostics.Process (sleep)"


def test_get_process_by_name_includes_child(sleeper, tmp_path):
    ctx = new_context(str(tmp_path))
    ids = [p.pid for p in run_cmdlet(ctx, "Get-Process", "sleep").output]
    assert sleeper.pid in ids
    ids = [p.pid for p in run_cmdlet(ctx, "Get-Process", "sle*").output]
    assert sleeper.pid in ids


def test_get_process_not_found(tmp_path):
    # Pester: Get-Process "Should fail to run Get-Process with -IncludeUserName without admin" is Windows-only;
    # the not-found errors are the ones scripts meet
    r = run("Get-Process -Name pslark_no_such_process_xyz; Get-Process -Id 2147483000; Get-Process nosuch*; 'next'",
            str(tmp_path))
    assert ('Cannot find a process with the name "pslark_no_such_process_xyz". Verify the process name and call the '
            'cmdlet again.') in r.err
    assert "Cannot find a process with the process identifier 2147483000." in r.err
    assert error_ids(r.ctx) == ["NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand",
                                "NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.GetProcessCommand"]
    assert r.lines == ["next"]


def test_get_process_table_view(sleeper, tmp_path):
    r = run(f"Get-Process -Id {sleeper.pid}", str(tmp_path))
    assert r.lines[1] == " NPM(K)    PM(M)      WS(M)     CPU(s)      Id  SI ProcessName"
    assert r.lines[2] == " ------    -----      -----     ------      --  -- -----------"
    assert r.lines[3].endswith(" sleep") and f" {sleeper.pid} " in r.lines[3]


def test_get_process_pipeline_input_object(sleeper, tmp_path):
    ctx = new_context(str(tmp_path))
    p = Process(sleeper.pid)
    res = run_cmdlet(ctx, "Get-Process", input=[p])
    assert res.value.pid == sleeper.pid


def test_stop_process_by_id_and_passthru(sleeper, tmp_path):
    # Pester: Stop-Process "Stop-Process -Id $pid ... -PassThru"
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Stop-Process", sleeper.pid, PassThru=True)
    assert res.value.pid == sleeper.pid
    sleeper.wait(timeout=5)
    assert sleeper.returncode == -9


def test_stop_process_by_input_object(sleeper, tmp_path):
    r = run(f"Get-Process -Id {sleeper.pid} | Stop-Process", str(tmp_path))
    assert r.err == ""
    sleeper.wait(timeout=5)


def test_stop_process_not_found(tmp_path):
    r = run("Stop-Process -Id 2147483000; Stop-Process -Name pslark_no_such_process_xyz", str(tmp_path))
    assert error_ids(r.ctx) == ["NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.StopProcessCommand",
                                "NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.StopProcessCommand"]


def test_start_process_passthru_wait_and_stop(tmp_path):
    # Pester: Start-Process "Should start cmd/sleep with -PassThru"
    ctx = new_context(str(tmp_path))
    p = run_cmdlet(ctx, "Start-Process", "sleep", ArgumentList="30", PassThru=True).value
    try:
        assert p.ps_get("HasExited") is False
        ids = [x.pid for x in run_cmdlet(ctx, "Get-Process", "sleep").output]
        assert p.pid in ids
        run_cmdlet(ctx, "Stop-Process", Id=p.pid)
        assert p.wait_for_exit(5000)
        assert p.ps_get("HasExited") is True
    finally:
        p.kill()


def test_start_process_wait_exit_code_and_redirect(tmp_path):
    # Pester: Start-Process "Should handle stdout redirection without error" / "-Wait"
    ctx = new_context(str(tmp_path))
    p = run_cmdlet(ctx, "Start-Process", "sh", ArgumentList=["-c", '"echo out; echo err >&2; exit 3"'],
                   RedirectStandardOutput="o.txt", RedirectStandardError="e.txt", Wait=True, PassThru=True).value
    assert p.ps_get("ExitCode") == 3
    assert (tmp_path / "o.txt").read_text() == "out\n"
    assert (tmp_path / "e.txt").read_text() == "err\n"


def test_start_process_redirect_input(tmp_path):
    (tmp_path / "in.txt").write_text("abc\n")
    ctx = new_context(str(tmp_path))
    run_cmdlet(ctx, "Start-Process", "cat", RedirectStandardInput="in.txt", RedirectStandardOutput="out.txt",
               Wait=True)
    assert (tmp_path / "out.txt").read_text() == "abc\n"


def test_start_process_output_goes_to_host(tmp_path):
    r = run("Start-Process echo -ArgumentList 'hello world' -NoNewWindow -Wait", str(tmp_path))
    assert r.out == "hello world\n"


def test_start_process_working_directory(tmp_path):
    (tmp_path / "wd").mkdir()
    ctx = new_context(str(tmp_path))
    run_cmdlet(ctx, "Start-Process", "pwd", WorkingDirectory="wd", RedirectStandardOutput="pwd.txt", Wait=True)
    assert (tmp_path / "pwd.txt").read_text().strip() == str(tmp_path / "wd")


def test_start_process_not_found(tmp_path):
    r = run("Start-Process pslark-no-such-program; 'next'", str(tmp_path))
    assert ("This command cannot be run due to the error: An error occurred trying to start process "
            f"'pslark-no-such-program' with working directory '{tmp_path}'. No such file or directory") in r.err
    assert error_ids(r.ctx) == ["InvalidOperationException,Microsoft.PowerShell.Commands.StartProcessCommand"]
    assert r.lines == ["next"]


def test_start_process_same_redirect_targets(tmp_path):
    # Pester: "Should give an error when -RedirectStandardOutput and -RedirectStandardError are the same"
    r = run("Start-Process sh -RedirectStandardOutput x.txt -RedirectStandardError x.txt", str(tmp_path))
    assert "DuplicateEntry,Microsoft.PowerShell.Commands.StartProcessCommand" in error_ids(r.ctx)


@pytest.mark.parametrize("line,expected", [
    ("a b", ["a", "b"]), ('"a b" c', ["a b", "c"]), ('a\\"b', ['a"b']), ('"a\\\\" b', ["a\\", "b"]),
    ("  x   y  ", ["x", "y"]), ('""', [""]), ('a""b', ["ab"]),
])
def test_argument_splitting(line, expected):
    assert P.split_windows_args(line) == expected


def test_wait_process_and_timeout(tmp_path):
    # Pester: Wait-Process "Should wait until timeout" / "Should wait for the process to finish"
    short = subprocess.Popen(["sleep", "0.3"])
    long = subprocess.Popen(["sleep", "30"])
    try:
        ctx = new_context(str(tmp_path))
        t0 = time.monotonic()
        res = run_cmdlet(ctx, "Wait-Process", Id=short.pid)
        assert res.errors == [] and time.monotonic() - t0 < 5
        res = run_cmdlet(ctx, "Wait-Process", Id=long.pid, Timeout=1)
        assert res.error_ids == ["ProcessNotTerminated,Microsoft.PowerShell.Commands.WaitProcessCommand"]
        assert (f'This command stopped operation because process "sleep ({long.pid})" is not stopped in the '
                f'specified time-out.') == res.messages[0]
    finally:
        long.kill()
        long.wait()
        short.wait()


# ---------------------------------------------------------------------------------------------
# Services

UNITS = """\
cron.service                 loaded    active   running Regular background program processing daemon
dbus.service                 loaded    active   running D-Bus System Message Bus
getty@tty1.service           loaded    active   running Getty on tty1
nothere.service              not-found inactive dead    nothere.service
ssh.service                  loaded    inactive dead    OpenBSD Secure Shell server
"""
UNIT_FILES = """\
cron.service               enabled  enabled
dbus.service               static   -
getty@.service             enabled  enabled
rsync.service              disabled enabled
ssh.service                enabled  enabled
"""


def test_parse_systemctl():
    svcs = parse_systemctl(UNITS, UNIT_FILES)
    by = {s.name: s for s in svcs}
    assert [s.name for s in svcs] == ["cron", "dbus", "getty@tty1", "nothere", "rsync", "ssh"]
    assert by["cron"].status == "Running" and by["cron"].start_type == "Automatic"
    assert by["cron"].display_name == "Regular background program processing daemon"
    assert by["dbus"].start_type == "Manual" and by["rsync"].start_type == "Disabled"
    assert by["ssh"].status == "Stopped" and by["rsync"].status == "Stopped"
    assert by["ssh"].ps_get("CanStop") is False and by["cron"].ps_get("CanStop") is True


def test_parse_status_all():
    svcs = parse_status_all(" [ + ]  cron\n [ - ]  ssh\n [ ? ]  hwclock.sh\n", {"cron": "Cron daemon"})
    assert [(s.name, s.status, s.display_name) for s in svcs] == [
        ("cron", "Running", "Cron daemon"), ("hwclock.sh", "Stopped", "hwclock.sh"), ("ssh", "Stopped", "ssh")]


@pytest.fixture
def fake_services(monkeypatch):
    services = [ServiceController("cron", "Regular background program processing daemon", "Running", "Automatic"),
                ServiceController("dbus", "D-Bus System Message Bus", "Running", "Manual"),
                ServiceController("ssh", "OpenBSD Secure Shell server", "Stopped", "Automatic")]
    monkeypatch.setattr(P.GetService, "lister", staticmethod(lambda: list(services)))
    return services


def test_get_service_table(fake_services, tmp_path):
    r = run("Get-Service", str(tmp_path))
    assert r.out == ("\nStatus   Name               DisplayName\n"
                     "------   ----               -----------\n"
                     "Running  cron               Regular background program processing…\n"
                     "Running  dbus               D-Bus System Message Bus\n"
                     "Stopped  ssh                OpenBSD Secure Shell server\n\n")


def test_get_service_filters(fake_services, tmp_path):
    ctx = new_context(str(tmp_path))
    names = lambda res: [s.name for s in res.output]  # noqa: E731
    assert names(run_cmdlet(ctx, "Get-Service", "d*")) == ["dbus"]
    assert names(run_cmdlet(ctx, "Get-Service", DisplayName="*Shell*")) == ["ssh"]
    assert names(run_cmdlet(ctx, "Get-Service", Include="c*", Exclude="cr*")) == []
    assert names(run_cmdlet(ctx, "Get-Service", input=["ssh", "cron"])) == ["ssh", "cron"]


def test_get_service_not_found(fake_services, tmp_path):
    # Pester: Get-Service "Get-Service fails for non-existing service" (NoServiceFoundForGivenName)
    r = run("Get-Service nosuchservice; Get-Service -DisplayName 'No Such'; Get-Service nosuch*", str(tmp_path))
    assert "Cannot find any service with service name 'nosuchservice'." in r.err
    assert "Cannot find any service with display name 'No Such'." in r.err
    assert error_ids(r.ctx) == ["NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand",
                                "NoServiceFoundForGivenDisplayName,Microsoft.PowerShell.Commands.GetServiceCommand"]


def test_get_service_without_service_manager(monkeypatch, tmp_path):
    def unavailable():
        raise P.ServiceManagerUnavailable("Cannot list services: this system has neither systemd "
                                          "(/run/systemd/system) nor SysV init scripts (/etc/init.d).")
    monkeypatch.setattr(P.GetService, "lister", staticmethod(unavailable))
    r = run("Get-Service; 'next'", str(tmp_path))
    assert "neither systemd" in r.err and r.lines == ["next"]
    assert error_ids(r.ctx) == ["ServiceManagerNotAvailable,Microsoft.PowerShell.Commands.GetServiceCommand"]


def test_service_object_members():
    s = ServiceController("cron", "Cron", "Running", "Automatic")
    assert s.type_names[0] == "System.ServiceProcess.ServiceController"
    assert s.ps_get("ServiceName") == "cron" and s.ps_get("StartType") == "Automatic"
    assert s.ps_get("ServiceType") == "Win32OwnProcess" and s.ps_get("MachineName") == "."
