"""ForEach-Object -Parallel (issue 4): concurrency, throttling, timeout, -AsJob, isolation, $using: rules,
error routing, stop."""
from __future__ import annotations

import time

from tests.conftest import run_pslark


def ps(script: str):
    return run_pslark(["-NoProfile", "-Command", script])


def lines_of(script: str) -> list[str]:
    result = ps(script)
    assert result.stderr == "", result.stderr
    return result.stdout.splitlines()


def test_seed_section_18_4_runs_in_about_two_seconds():
    start = time.monotonic()
    result = ps("1..5 | ForEach-Object -Parallel { \"Task $_ gestartet\"; Start-Sleep -Seconds 2; \"Task $_ fertig\" }")
    elapsed = time.monotonic() - start
    lines = result.stdout.splitlines()
    assert sorted(lines) == sorted([f"Task {i} gestartet" for i in range(1, 6)] + [f"Task {i} fertig" for i in range(1, 6)])
    assert all("gestartet" in line for line in lines[:5]), lines
    assert elapsed < 6, elapsed


def test_ten_half_second_blocks_at_limit_ten_run_concurrently():
    start = time.monotonic()
    lines = lines_of("1..10 | ForEach-Object -Parallel { Start-Sleep -Milliseconds 500; $_ } -ThrottleLimit 10")
    assert sorted(int(x) for x in lines) == list(range(1, 11))
    assert time.monotonic() - start < 4


def _max_overlap(spans):
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda t: (t[0], t[1]))
    current = best = 0
    for _, delta in events:
        current += delta
        best = max(best, current)
    return best


def test_throttle_limit_two_never_runs_more_than_two_at_once():
    lines = lines_of("1..6 | ForEach-Object -Parallel { $s = [DateTime]::Now.Ticks; Start-Sleep -Milliseconds 300; "
                     "\"$s,$([DateTime]::Now.Ticks)\" } -ThrottleLimit 2")
    spans = [tuple(int(x) for x in line.split(",")) for line in lines]
    assert len(spans) == 6
    assert _max_overlap(spans) == 2


def test_timeout_stops_running_block_and_drops_unstarted_input():
    start = time.monotonic()
    result = ps("1..2 | ForEach-Object -Parallel { \"Output $_\"; Start-Sleep -Seconds 60 } -TimeoutSeconds 2 "
                "-ThrottleLimit 1 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) "
                "{ $_.FullyQualifiedErrorId } else { $_ } }")
    assert result.stdout.splitlines() == ["Output 1", "PSTaskException"]
    assert time.monotonic() - start < 10


def test_asjob_structure_ids_and_results():
    lines = lines_of("$j = 1..3 | ForEach-Object -Parallel { $_ * 2 } -AsJob; $j.Id; $j.PSJobTypeName; $j.Location; "
                     "$j.ChildJobs.Count; ($j.ChildJobs | ForEach-Object Id) -join ','; "
                     "$j.ChildJobs[0].PSJobTypeName; $j.Command; "
                     "($j | Wait-Job | Receive-Job | Sort-Object) -join ','; $j.State")
    assert lines == ["1", "PSTaskJob", "PowerShell", "3", "2,3,4", "PSTaskChildJob", " $_ * 2 ", "2,4,6", "Completed"]


def test_timeout_with_asjob_is_refused():
    result = ps("1..1 | ForEach-Object -AsJob -Parallel { 'x' } -TimeoutSeconds 60")
    assert "The 'TimeoutSeconds' parameter cannot be used with the 'AsJob' parameter." in result.stderr


def test_isolation_no_caller_variables_or_functions_and_nothing_leaks_out():
    lines = lines_of("$secret = 'caller'; function Get-Secret { 'f' }; "
                     "1..1 | ForEach-Object -Parallel { \"[$secret]\"; $inner = 'x'; "
                     "(Get-Command Get-Secret -ErrorAction SilentlyContinue) -eq $null }; \"[$inner]\"")
    assert lines == ["[]", "True", "[]"]


def test_using_rules():
    lines = lines_of("$v = 'Hello'; $arr = 'a','b'; 1..1 | ForEach-Object -Parallel { $using:v; $using:arr[1] }")
    assert lines == ["Hello", "b"]
    result = ps("$sb = { 1 }; 1..1 | ForEach-Object -Parallel { $using:sb }")
    assert "A ForEach-Object -Parallel using variable cannot be a script block." in result.stderr.replace("\n     | ", " ")
    result = ps("1..1 | ForEach-Object -Parallel { $using:nothere }")
    assert "The value of the using variable '$using:nothere' cannot be retrieved" in \
        result.stderr.replace("\n     | ", " ")


def test_nested_parallel_using_refers_to_enclosing_block():
    lines = lines_of("$Test = 'Test1'; 1..2 | ForEach-Object -Parallel { $using:Test; $Test = 'Test2'; "
                     "1..2 | ForEach-Object -Parallel { $using:Test } } | Group-Object -NoElement | "
                     "Sort-Object Name | ForEach-Object { \"$($_.Name)=$($_.Count)\" }")
    assert lines == ["Test1=2", "Test2=4"]


def test_errors_route_to_caller_streams_and_other_items_continue():
    result = ps("1..3 | ForEach-Object -Parallel { if ($_ -eq 2) { throw 'two failed' }; $_ } 2>&1 | "
                "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) "
                "{ \"E:$($_.FullyQualifiedErrorId):$_\" } else { \"O:$_\" } } | Sort-Object")
    assert result.stdout.splitlines() == ["E:PSTaskException:two failed", "O:1", "O:3"]


def test_common_parameters_refused():
    result = ps("1..1 | ForEach-Object -Parallel { 'x' } -ErrorAction Stop")
    assert "ParallelCommonParametersNotSupported" in result.stderr or \
        "not currently supported in the Parallel parameter set" in result.stderr.replace("\n     | ", " ")


def test_stop_job_on_asjob_stops_sleeping_blocks_promptly():
    start = time.monotonic()
    lines = lines_of("$j = 1..3 | ForEach-Object -Parallel { Start-Sleep 30 } -AsJob; Start-Sleep -Milliseconds 500; "
                     "Stop-Job $j; $j | Wait-Job -Timeout 5 | Out-Null; $j.State")
    assert lines == ["Stopped"]
    assert time.monotonic() - start < 10


def test_parallel_inside_thread_job():
    lines = lines_of("Start-ThreadJob { 1..3 | ForEach-Object -Parallel { $_ * 3 } } | Receive-Job -Wait "
                     "-AutoRemoveJob | Sort-Object")
    assert lines == ["3", "6", "9"]


def test_ctrl_c_stops_sleeping_parallel_blocks_promptly():
    import signal
    import subprocess
    import sys

    from tests.conftest import pslark_env
    proc = subprocess.Popen([sys.executable, "-m", "pslark.interpreter", "-NoProfile", "-Command",
                             "1..4 | ForEach-Object -Parallel { Start-Sleep 30 }; 'not reached'"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=pslark_env())
    time.sleep(1.5)
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, _err = proc.communicate(timeout=15)
    assert time.monotonic() - start < 3
    assert "not reached" not in out


def test_pooled_runspace_forgets_the_previous_tasks_variables():
    """A reused runspace gets its initial variables back: values, removals, typed and read-only changes of the
    task before are gone (one runspace: -ThrottleLimit 1)."""
    out = lines_of("1..3 | ForEach-Object -ThrottleLimit 1 -Parallel { "
                   "\"$_ seen=$seen ofs=[$OFS] err=$($Error.Count)\"; "
                   "$seen = 'yes'; [int]$OFS = 5; Remove-Variable -Name PSItem -ErrorAction Ignore; "
                   "Set-Variable -Name ro -Value 1 -Option ReadOnly }")
    assert out == ["1 seen= ofs=[] err=0", "2 seen= ofs=[] err=0", "3 seen= ofs=[] err=0"]
