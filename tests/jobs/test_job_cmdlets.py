"""Background jobs and thread jobs as a PowerShell user sees them (issue 3): Ids, names, states,
HasMoreData, the table, failures, stop, remove errors, serialization, the & operator."""
from __future__ import annotations

import os
import signal
import time

import pytest

from tests.conftest import run_pslark


def ps(script: str, **kw):
    result = run_pslark(["-NoProfile", "-Command", script], **kw)
    return result


def out_lines(script: str) -> list[str]:
    result = ps(script)
    assert result.stderr == "", result.stderr
    return result.stdout.splitlines()


def test_two_start_jobs_get_ids_1_and_3_because_children_take_ids():
    assert out_lines("$a = Start-Job { 1 }; $b = Start-Job { 2 }; $a.Id; $b.Id; $a.ChildJobs[0].Id; "
                     "$a.Name; $a.ChildJobs[0].Name; Get-Job | Wait-Job | Out-Null") == ["1", "3", "2", "Job1", "Job2"]


def test_thread_jobs_have_consecutive_ids_and_pwsh_properties():
    lines = out_lines("$a = Start-ThreadJob { 1 }; $b = Start-ThreadJob { 2 } -Name Second; "
                      "$a.Id; $b.Id; $b.Name; $a.PSJobTypeName; $a.Location; $a.ChildJobs.Count; "
                      "Get-Job | Wait-Job | Out-Null")
    assert lines == ["1", "2", "Second", "ThreadJob", "PowerShell", "0"]


def test_start_job_prints_pwsh_job_table_at_80_columns():
    result = ps("$j = Start-Job { 'OK' }; $j; $j | Wait-Job | Out-Null")
    lines = result.stdout.splitlines()
    assert lines[0] == ""
    assert lines[1] == "Id     Name            PSJobTypeName   State         HasMoreData     Location"
    # pwsh pads the dash line and rows to the last declared column's width even when Command is dropped
    assert lines[2].rstrip() == "--     ----            -------------   -----         -----------     --------"
    assert lines[3].startswith("1      Job1            BackgroundJob   ")


def test_process_job_state_hasmoredata_and_receive_drains():
    lines = out_lines("$j = Start-Job { 'a'; 'b' }; Wait-Job $j | Out-Null; $j.State; $j.HasMoreData; "
                      "Receive-Job $j -Keep; $j.HasMoreData; Receive-Job $j; $j.HasMoreData; "
                      "@(Receive-Job $j).Count")
    assert lines == ["Completed", "True", "a", "b", "True", "a", "b", "False", "0"]


def test_job_with_throw_fails_with_reason_on_child():
    result = ps("$j = Start-Job { throw 'x' }; Wait-Job $j | Out-Null; $j.State; $j.ChildJobs[0].State; "
                "$j.ChildJobs[0].JobStateInfo.Reason.Message")
    assert result.stdout.splitlines() == ["Failed", "Failed", "x"]


def test_thread_job_throw_fails_and_receive_replays_the_error():
    result = ps("$j = Start-ThreadJob { 'before'; throw 'broken' }; Wait-Job $j | Out-Null; $j.State; "
                "$j.JobStateInfo.Reason.Message; Receive-Job $j")
    assert result.stdout.splitlines() == ["Failed", "broken", "before"]
    assert "broken" in result.stderr


def test_receive_job_wait_autoremovejob_removes_the_job():
    assert out_lines("Start-Job { 1 + 1 } | Receive-Job -Wait -AutoRemoveJob; @(Get-Job).Count") == ["2", "0"]


def test_autoremovejob_without_wait_is_an_error():
    result = ps("$j = Start-ThreadJob { 1 }; Receive-Job $j -AutoRemoveJob")
    assert "AutoRemoveJob" in result.stderr


def test_remove_running_job_without_force_gives_pwsh_error_and_force_removes():
    result = ps("$j = Start-ThreadJob { Start-Sleep 20 }; Remove-Job $j; @(Get-Job).Count; "
                "Remove-Job $j -Force; @(Get-Job).Count")
    assert result.stdout.splitlines() == ["1", "0"]
    assert ("The command cannot remove the job with the job ID 1 because the job is not finished. To remove the "
            "job, first stop the job, or use the Force parameter.") in " ".join(
        line.strip(" |") for line in result.stderr.splitlines())


def test_get_job_unknown_id_is_non_terminating_error():
    result = ps("Get-Job -Id 42; 'after'")
    assert result.stdout.splitlines() == ["after"]
    assert "The command cannot find a job with the job ID 42." in result.stderr


def test_get_job_by_name_wildcard_and_state():
    lines = out_lines("$null = Start-Job { 1 } -Name alpha; $null = Start-ThreadJob { 2 } -Name beta; "
                      "Get-Job | Wait-Job | Out-Null; (Get-Job -Name al*).Name; (Get-Job -State Completed).Count")
    assert lines == ["alpha", "2"]


def test_thread_jobs_are_found_by_literal_name_only_as_by_pwshs_threadjob_source_adapter():
    # ThreadJobSourceAdapter.GetJobsByName compares names with Equals: no wildcards for thread jobs
    lines = out_lines("$null = Start-ThreadJob { 2 } -Name beta | Wait-Job; @(Get-Job -Name be*).Count; "
                      "(Get-Job -Name BETA).Name; @(Stop-Job -Name b* -PassThru).Count")
    assert lines == ["0", "beta", "0"]


def test_stop_job_stops_and_data_stays_receivable():
    lines = out_lines("$j = Start-ThreadJob { 'first'; Start-Sleep 30; 'never' }; Start-Sleep -Milliseconds 500; "
                      "Stop-Job $j; $j.State; Receive-Job $j")
    assert lines == ["Stopped", "first"]


def test_deserialized_type_names_from_process_job():
    lines = out_lines("$r = Start-Job { [pscustomobject]@{a=1; b='x'} } | Receive-Job -Wait -AutoRemoveJob; "
                      "$r.pstypenames[0]; $r.a; $r.b; $r.PSComputerName; $r.a.GetType().Name")
    assert lines == ["Deserialized.System.Management.Automation.PSCustomObject", "1", "x", "localhost", "Int32"]


def test_using_is_a_copy_for_process_jobs_and_live_for_thread_jobs():
    lines = out_lines("$h = @{n = 1}; Start-Job { $h2 = $using:h; $h2.n = 2; $h2.n } | Receive-Job -Wait -AutoRemoveJob; "
                      "$h.n; Start-ThreadJob { ($using:h).n = 3 } | Wait-Job | Out-Null; $h.n")
    assert lines == ["2", "1", "3"]


def test_argument_list_param_and_input():
    lines = out_lines("Start-Job { param($a, $b) $a + $b } -ArgumentList 2, 3 | Receive-Job -Wait -AutoRemoveJob; "
                      "Start-Job { $input | ForEach-Object { $_ * 10 } } -InputObject 4 | Receive-Job -Wait "
                      "-AutoRemoveJob; Start-ThreadJob { param($n) $n * 2 } -ArgumentList 21 | Receive-Job -Wait "
                      "-AutoRemoveJob")
    assert lines == ["5", "40", "42"]


def test_background_operator_rewrites_existing_variables_to_using():
    lines = out_lines("$x = 5; $j = $x + 1 &; $j.Command; $j.PSJobTypeName; Receive-Job $j -Wait")
    assert lines == ["${using:x} + 1", "BackgroundJob", "6"]


def test_streams_are_replayed_by_receive_job():
    result = ps("$j = Start-Job { Write-Warning 'careful'; Write-Output 'out'; Write-Error 'bad' }; "
                "Receive-Job $j -Wait")
    assert result.stdout.splitlines() == ["WARNING: careful", "out"] or \
        result.stdout.splitlines() == ["out", "WARNING: careful"]
    assert "bad" in result.stderr


def test_wait_job_timeout_writes_nothing_and_any_returns_first():
    lines = out_lines("$slow = Start-ThreadJob { Start-Sleep 5 }; $fast = Start-ThreadJob { 1 }; "
                      "@(Wait-Job $slow -Timeout 1).Count; (Wait-Job $slow, $fast -Any).Id; Stop-Job $slow")
    assert lines == ["0", "2"]


def test_worker_that_dies_fails_the_job_and_caller_does_not_hang():
    start = time.monotonic()
    result = ps("$j = Start-Job { kill -9 $PID; 'unreachable' }; Wait-Job $j -Timeout 20 | Out-Null; $j.State; "
                "$j.ChildJobs[0].JobStateInfo.Reason.Message -like '*background process*'")
    assert result.stdout.splitlines() == ["Failed", "True"]
    assert time.monotonic() - start < 20


def test_stop_job_kills_the_workers_child_processes():
    result = ps("$j = Start-Job { sh -c 'echo $$; exec sleep 100' }; "
                "while (-not $j.HasMoreData -or @(Receive-Job $j -Keep).Count -eq 0) { Start-Sleep -Milliseconds 100 }; "
                "$pid2 = [int](Receive-Job $j); Stop-Job $j; Start-Sleep -Milliseconds 500; $pid2")
    child = int(result.stdout.strip().splitlines()[-1])
    assert not _running(child)


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan may wait for a reaper that this container lacks)."""
    import psutil
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_200_concurrent_thread_jobs_lose_no_output():
    lines = out_lines("$jobs = 1..200 | ForEach-Object { Start-ThreadJob { param($n) 1..5 | ForEach-Object "
                      "{ \"$n-$_\" } } -ArgumentList $_ -ThrottleLimit 50 }; "
                      "$all = $jobs | Receive-Job -Wait -AutoRemoveJob; $all.Count; "
                      "($all | Sort-Object -Unique).Count")
    assert lines == ["1000", "1000"]
