"""Regression: a positional argument that is a modelled object (a Job) binds to the parameter of its own type
without coercion, before a set whose parameter would take it as a converted string (`Remove-Job $job` binds
-Job, not -Name)."""
from __future__ import annotations

from tests.conftest import run_pslark


def test_job_cmdlets_take_a_positional_job_object():
    script = ("$j = Start-ThreadJob { 1 }; Wait-Job $j | Out-Null; Receive-Job $j; Stop-Job $j; "
              "Remove-Job $j; @(Get-Job).Count")
    result = run_pslark(["-Command", script])
    assert result.stderr == ""
    assert result.stdout.split() == ["1", "0"]


def test_fits_without_coercion_reads_type_names():
    from pslark.runtime.binder import _fits_without_coercion
    from pslark.runtime.cmdlet import Parameter

    class FakeJob:
        type_names = ["ThreadJob.ThreadJob", "System.Management.Automation.Job", "System.Object"]

    assert _fits_without_coercion(FakeJob(), Parameter("Job[]"))
    assert not _fits_without_coercion(FakeJob(), Parameter("string[]"))
