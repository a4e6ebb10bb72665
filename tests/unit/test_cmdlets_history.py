"""Get-History / Add-History / Clear-History / Invoke-History over the session's history list.

"Pester:" cases come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Core/History.Tests.ps1.
"""
from __future__ import annotations

from pslark.runtime.cmdlets.history import HistoryInfo, history_entries
from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


def test_repl_lines_become_history_info(tmp_path):
    ctx = new_context(str(tmp_path))
    ctx.history.extend(["Get-Date", "Get-Location"])
    out = run_cmdlet(ctx, "Get-History").output
    assert [(h.id, h.command_line) for h in out] == [(1, "Get-Date"), (2, "Get-Location")]
    assert out[0].type_names[0] == "Microsoft.PowerShell.Commands.HistoryInfo"
    assert out[0].ps_get("ExecutionStatus") == "Completed"
    assert [h.id for h in run_cmdlet(ctx, "Get-History", Count=1).output] == [2]
    assert [h.id for h in run_cmdlet(ctx, "Get-History", 1).output] == [1]


def test_history_table_view(tmp_path):
    r = run("Add-History -InputObject ([pscustomobject]@{CommandLine = 'Write-Output 42'}); Get-History", str(tmp_path))
    assert r.out == ("\n  Id     Duration CommandLine\n  --     -------- -----------\n"
                     "   1        0.000 Write-Output 42\n\n")


def test_invoke_history_runs_and_records(tmp_path):
    # Pester: "Invoke-History should run the command"
    ctx = new_context(str(tmp_path))
    ctx.history.append("'from history'")
    r = run("Invoke-History 1; (Get-History).Count", ctx=ctx)
    assert r.lines == ["'from history'", "from history", "2"]


def test_invoke_history_by_prefix_and_errors(tmp_path):
    ctx = new_context(str(tmp_path))
    r = run("Invoke-History", ctx=ctx)
    assert "Cannot locate the most recent history." in r.err
    ctx.history.extend(["'alpha'", "'beta'"])
    r = run("Invoke-History \"'al\"; Invoke-History 99", ctx=ctx)
    assert r.lines[-1] == "alpha"
    assert "Cannot locate history for Id 99." in r.err


def test_clear_history(tmp_path):
    # Pester: Clear-History "should clear all history" / "-Id" / "-Count -Newest" / "-CommandLine"
    ctx = new_context(str(tmp_path))
    ctx.history.extend(["a1", "b2", "a3", "b4", "a5"])
    run_cmdlet(ctx, "Clear-History", 2)
    assert [h.id for h in history_entries(ctx)] == [1, 3, 4, 5]
    run_cmdlet(ctx, "Clear-History", CommandLine="b*")
    assert [h.id for h in history_entries(ctx)] == [1, 3, 5]
    run_cmdlet(ctx, "Clear-History", Count=1, Newest=True)
    assert [h.id for h in history_entries(ctx)] == [1, 3]
    run_cmdlet(ctx, "Clear-History")
    assert history_entries(ctx) == []
    ctx.history.append("next")
    assert history_entries(ctx)[0].id == 6


def test_add_history_passthru(tmp_path):
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Add-History", input=[HistoryInfo(7, "Get-Thing")], PassThru=True)
    assert res.value.command_line == "Get-Thing" and res.value.id == 1
