"""The interactive session driven through a real pseudo-terminal, as a person would use it."""
from __future__ import annotations

import os
import re
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

ESC = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r)*"


def loose(text: str) -> str:
    """A regex for text as the terminal shows it: any escape sequences may sit between the characters, and a
    space may be drawn as a cursor movement."""
    out = []
    for ch in text:
        if ch == " ":
            out.append(r"(?: |" + ESC + r")" + ESC)
        else:
            out.append(re.escape(ch) + ESC)
    return "".join(out)


class Session:
    def __init__(self, tmp_path, args=("-NoProfile",), env=None, cwd=None):
        self.tmp = tmp_path
        e = dict(os.environ)
        for k in ("NO_COLOR", "LC_ALL", "PSLARK_DEBUG"):
            e.pop(k, None)
        e.update({"TERM": "xterm", "LANG": "en_US.UTF-8", "PROMPT_TOOLKIT_NO_CPR": "1",
                  "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                  "PYTHONUTF8": "1"})
        e.update(env or {})
        self.cwd = str(cwd or tmp_path)
        self.child = pexpect.spawn(sys.executable, ["-m", "pslark.interpreter", *args], env=e, cwd=self.cwd,
                                   encoding="utf-8", timeout=20, dimensions=(30, 120))
        self.log: list[str] = []

    def expect(self, text: str, timeout: float = 20):
        self.child.expect(loose(text), timeout=timeout)
        return self.child.before

    def expect_re(self, pattern: str, timeout: float = 20):
        self.child.expect(pattern, timeout=timeout)
        return self.child.before

    def prompt(self, timeout: float = 20):
        return self.expect(f"PS {self.cwd}>", timeout)

    def send(self, text: str):
        self.child.send(text)

    def line(self, text: str):
        self.child.send(text + "\r")

    def run(self, text: str, timeout: float = 20):
        """Enter a command and wait until the line editor has handed it over (bracketed paste switched off)."""
        self.line(text)
        self.expect_re(r"\x1b\[\?2004l", timeout)

    def fresh_prompt(self, timeout: float = 20):
        """The next prompt drawn from now on (not one already on the screen: the line editor redraws its prompt
        when a command is entered)."""
        return self.expect_re(r"\x1b\[\?2004h.*?" + loose(f"PS {self.cwd}>"), timeout)

    def interrupt(self) -> float:
        """Ctrl+C while a command runs: seconds until the next prompt is drawn."""
        try:
            while True:
                self.child.read_nonblocking(100000, timeout=0.05)     # what the command printed so far
        except pexpect.TIMEOUT:
            pass
        started = time.monotonic()
        self.child.sendintr()
        self.fresh_prompt(timeout=5)
        return time.monotonic() - started

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def session(tmp_path):
    sessions = []

    def start(*args, **kw):
        s = Session(tmp_path, *args, **kw)
        sessions.append(s)
        return s
    yield start
    for s in sessions:
        s.close()


def test_banner_prompt_pipeline_and_exit(session):
    s = session(args=("-NoProfile",))
    s.expect("pslark ")
    s.expect("Get-Help")
    s.prompt()
    s.line("1..3 | ForEach-Object { $_ * 10 } | Measure-Object -Sum | Select-Object -ExpandProperty Sum")
    s.expect("60")
    s.prompt()
    s.line("exit 3")
    s.child.expect(pexpect.EOF)
    s.child.close()
    assert s.child.exitstatus == 3


def test_nologo(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    before = s.prompt()
    assert "pslark" not in before


def test_multi_line_function_gets_continuation_prompts(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("function Get-Double {")
    s.expect(">>")
    s.line("    param($n)")
    s.expect(">>")
    s.line("    $n * 2")
    s.expect(">>")
    s.line("}")
    s.prompt()
    s.line("Get-Double 21")
    s.expect("42")
    s.prompt()
    s.line("'open string")
    s.expect(">>")
    s.line("closed'")
    s.expect("closed")
    s.prompt()


def test_completion_of_command_parameter_and_member(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.send("Get-Jo\t")
    s.expect("Get-Job")
    s.send("\x15")                                   # Ctrl+U clears the line
    s.send("Start-ThreadJob -Thr\t")
    s.expect("-ThrottleLimit")
    s.send("\x03")                                   # Ctrl+C at the prompt: a fresh line
    s.prompt()
    s.line("$job = Start-ThreadJob { 'x' }")
    s.prompt()
    s.send("$job.JobStateI\t")
    s.expect("JobStateInfo")
    s.line("")
    s.expect("State")
    s.prompt()


def test_ctrl_c_stops_start_sleep_within_a_second(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.run("Start-Sleep 30; 'not reached'")
    time.sleep(1.0)
    assert s.interrupt() < 1.0
    assert "not reached" not in s.child.before
    s.run("'still alive'")
    s.expect("still alive")
    s.fresh_prompt()


def test_ctrl_c_stops_receive_job_wait_within_a_second(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.run("$j = Start-ThreadJob { Start-Sleep 30 }")
    s.fresh_prompt()
    s.run("Receive-Job -Job $j -Wait")
    time.sleep(1.0)
    assert s.interrupt() < 1.0
    s.run("'job ' + $j.State")                       # Ctrl+C stopped Receive-Job, not the job
    s.expect("job Running")
    s.fresh_prompt()


def test_start_job_then_get_job(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("$j = Start-Job { Start-Sleep 1; 'from the job' }")
    s.prompt()
    s.line("Get-Job")
    s.expect("BackgroundJob")
    s.prompt()
    s.line("Receive-Job -Job $j -Wait -AutoRemoveJob")
    s.expect("from the job")
    s.prompt()


def test_history_recall_and_persistence(session, tmp_path):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("'remember' + ' me'")
    s.expect("remember me")
    s.prompt()
    s.send("\x1b[A")                                 # Up
    s.expect("'remember' + ' me'")
    s.line("")
    s.expect("remember me")
    s.prompt()
    s.line("exit")
    s.child.expect(pexpect.EOF)
    history = (tmp_path / "data" / "pslark" / "history").read_text(encoding="utf-8")
    assert "'remember' + ' me'" in history
    # a new session finds it again, also by searching with Ctrl+R
    t = session(args=("-NoProfile", "-NoLogo"))
    t.prompt()
    time.sleep(0.5)                                  # prompt_toolkit loads the history file in the background
    t.send("\x12")                                   # Ctrl+R
    t.send("rememb")
    t.expect("'remember' + ' me'")
    t.send("\r")
    t.line("")
    t.expect("remember me")


def test_ctrl_d_leaves(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.send("\x04")
    s.child.expect(pexpect.EOF)


def test_user_prompt_function_is_honoured(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("function prompt { 'custom> ' }")
    s.expect("custom>")
    s.line("'after'")
    s.expect("after")
    s.expect("custom>")


def test_profile_is_loaded_unless_noprofile(session, tmp_path):
    profile = tmp_path / "config" / "powershell" / "Microsoft.PowerShell_profile.ps1"
    profile.parent.mkdir(parents=True)
    profile.write_text("$FromProfile = 'profile ran'\n", encoding="utf-8")
    s = session(args=("-NoLogo",))
    s.prompt()
    s.line("$FromProfile")
    s.expect("profile ran")
    t = session(args=("-NoLogo", "-NoProfile"))
    t.prompt()
    t.line("\"[$FromProfile]\"")
    t.expect("[]")


def test_show_window_is_a_viewer_that_q_closes(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("Get-Help about_Jobs -ShowWindow")
    s.expect("about_Jobs")
    s.expect("q close")
    s.send("/")
    s.send("Remove-Job\r")
    s.send("q")
    s.prompt()
    s.line("'back'")
    s.expect("back")


def test_show_window_without_terminal_prints_text(tmp_path):
    from tests.conftest import run_pslark
    result = run_pslark(["-NoProfile", "-Command", "Get-Help -Name 'about_Jobs' -ShowWindow"])
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("TOPIC\nabout_Jobs\n")


def test_progress_bar_is_drawn_on_a_terminal(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("1..3 | ForEach-Object { Write-Progress -Activity 'Copying' -Status \"file $_\" "
           "-PercentComplete ($_ * 30); Start-Sleep -Milliseconds 300 }; 'copied'")
    s.expect("Copying")
    s.expect("copied")
    s.prompt()


def test_progress_is_not_written_when_redirected(tmp_path):
    from tests.conftest import run_pslark
    result = run_pslark(["-NoProfile", "-Command",
                         "Write-Progress -Activity 'Copying' -PercentComplete 50; 'done'"])
    assert result.stdout == "done\n" and result.stderr == ""


def test_piped_stdin_runs_as_a_script(tmp_path):
    from tests.conftest import run_pslark
    result = run_pslark([], stdin="1..3\n'end'\n")
    assert result.stdout == "1\n2\n3\nend\n"
    assert "PS " not in result.stdout


def test_dumb_terminal_falls_back_to_the_plain_loop(session):
    s = session(args=("-NoProfile", "-NoLogo"), env={"TERM": "dumb"})
    s.prompt()
    s.line("function f {")
    s.expect(">> ")
    s.line("'plain' }")
    s.prompt()
    s.line("f")
    s.expect("plain")
    s.line("exit")
    s.child.expect(pexpect.EOF)


def test_no_heavy_imports_for_a_command():
    import subprocess
    code = ("import sys, runpy; sys.argv=['pslark','-NoProfile','-Command','\"ok\"'];\n"
            "try:\n    runpy.run_module('pslark.interpreter', run_name='__main__')\nexcept SystemExit: pass\n"
            "bad=[m for m in sys.modules if m.split('.')[0] in ('prompt_toolkit','pygments','rich')]\n"
            "print('HEAVY', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "ok" in out.stdout and "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_ctrl_c_stops_a_parallel_loop_within_a_second(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.run("1..10 | ForEach-Object -Parallel { Start-Sleep 30 }; 'not reached'")
    time.sleep(1.5)
    assert s.interrupt() < 1.0
    assert "not reached" not in s.child.before
    s.run("'alive'")
    s.expect("alive")
    s.fresh_prompt()


def test_psstyle_customisation_colours_the_terminal(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.run("$PSStyle.Formatting.TableHeader = \"`e[35;4m\"; $PSStyle.Progress.Style = \"`e[36m\"")
    s.fresh_prompt()
    s.run("[pscustomobject]@{Alpha=1}")
    s.expect_re(r"\x1b\[35;4mAlpha\x1b\[0m")
    s.fresh_prompt()
    s.run("Write-Progress -Activity Copying -PercentComplete 50; Start-Sleep -Milliseconds 300; 'copied'")
    s.expect_re(r"\x1b\[36mCopying \[\x1b\[7m")
    s.expect("copied")
    s.fresh_prompt()


def test_progress_of_a_job_is_drawn_through_receive_job(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("Start-ThreadJob { 1..3 | ForEach-Object { Write-Progress -Activity 'Remote work' -PercentComplete "
           "($_ * 30); Start-Sleep -Milliseconds 300 }; 'job done' } | Receive-Job -Wait -AutoRemoveJob")
    s.expect("Remote work")
    s.expect("job done")
    s.prompt()


def test_tab_completes_job_ids_and_states(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("$null = Start-ThreadJob -Name Nightly { 1 }")
    s.prompt()
    s.send("Get-Job -Name Nig\t")
    s.expect("Nightly")
    s.send("\x15")
    s.send("Get-Job -State Runn\t")
    s.expect("Running")
    s.send("\x03")
    s.prompt()


def test_enter_pssession_changes_the_prompt(session):
    s = session(args=("-NoProfile", "-NoLogo"))
    s.prompt()
    s.line("Enter-PSSession -ComputerName localhost")
    s.expect_re(r"\[localhost\]: PS")
    s.line("$where = 'in the remote session'; $where")
    s.expect("in the remote session")
    s.expect_re(r"\[localhost\]: PS")
    s.line("exit")
    s.prompt()
    s.line("\"local: [$where]\"")
    s.expect("local: []")
