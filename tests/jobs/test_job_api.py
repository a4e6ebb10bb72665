"""Job APIs scripts call besides the cmdlets (found by running pwsh's Jobs/ThreadJob tests): ReadAll on a job's
stream collections, ThreadJob's Job2 methods, and Start-Job -WorkingDirectory's validation."""
from __future__ import annotations

from tests.conftest import run_pslark


def lines(script: str) -> list[str]:
    result = run_pslark(["-NoProfile", "-Command", script])
    assert result.stderr == "", result.stderr
    return result.stdout.splitlines()


def test_read_all_takes_the_records_out_of_a_stream_collection():
    assert lines("""
        $job = Start-Job { Write-Verbose -Verbose 'said'; Write-Progress -Activity 7 -Status 8 } | Wait-Job
        $child = $job.ChildJobs[0]
        ($child.Verbose.ReadAll()).Message
        $child.Verbose.Count
        $p = $child.Progress.ReadAll()
        "$($p[0].Activity)/$($p[0].StatusDescription)"
        Remove-Job $job
    """) == ["said", "0", "7/8"]


def test_working_directory_must_not_be_empty_or_white_space():
    out = lines("""
        foreach ($wd in '', ' ') {
            try { Start-Job { 1 } -WorkingDirectory $wd } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
        }
        (Get-Job).Count
    """)
    message = ("Cannot validate argument on parameter 'WorkingDirectory'. The argument is null, empty, or consists "
               "of only white-space characters. Provide an argument that contains non white-space characters, and "
               "then try the command again.")
    assert out == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartJobCommand", message] * 2 + [
        "0"]


def test_thread_job_start_and_stop_methods():
    assert lines("""
        $first = Start-ThreadJob { Start-Sleep -Seconds 30 } -ThrottleLimit 1
        $queued = Start-ThreadJob { 'ran'; Start-Sleep -Seconds 30 }
        Start-Sleep -Milliseconds 200
        $queued.State
        $queued.StartJobAsync()
        Start-Sleep -Milliseconds 300
        $queued.State
        $first.StopJob($true, 'No Reason')
        $first.JobStateInfo.State
        $queued.StopJobAsync()
        $null = Wait-Job $queued
        $queued.State
        Receive-Job $queued
        Get-Job | Remove-Job -Force
    """) == ["NotStarted", "Running", "Stopped", "Stopped", "ran"]


def test_a_deserialized_object_converts_to_its_original_text():
    assert lines("""
        Set-Location /
        $where, $custom = Start-Job { $PWD; [pscustomobject]@{ a = 1 } } | Receive-Job -Wait -AutoRemoveJob
        $where.PSTypeNames[0]
        "[$where]"
        [string]$where -ceq '/'
        '/' -ceq $where
        "$custom"
    """) == ["Deserialized.System.Management.Automation.PathInfo", "[/]", "True", "True", "@{a=1}"]


def test_initialization_script_output_comes_first_in_the_job_results():
    """As pwsh's ThreadJob (and Start-Job): the -InitializationScript's output is part of the job's output."""
    out = run_pslark(["-NoProfile", "-c",
                      "Start-ThreadJob { 'Goodbye' } -InitializationScript { 'Hello' } | Receive-Job -Wait; "
                      "Start-Job { 'main'; f } -InitializationScript { 'init'; function f { 'f!' } } | "
                      "Receive-Job -Wait"])
    assert out.stdout.splitlines() == ["Hello", "Goodbye", "init", "main", "f!"]
