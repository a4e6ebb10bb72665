"""The UI-agnostic completion engine (interpreter/completion.py): what Tab offers, from the same metadata the
binder uses."""
from __future__ import annotations

import pytest

from pslark.interpreter.completion import complete_input, scan


@pytest.fixture(scope="module")
def ctx():
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    engine = get_engine()
    ctx = engine.new_runspace(CollectingHost())
    engine.run_text(ctx, """
        $job = Start-ThreadJob -Name Worker { 'done' }
        Wait-Job -Job $job | Out-Null
        $h = @{ Alpha = 1; Beta = 2 }
        $obj = [pscustomobject]@{ Name = 'x'; Size = 3; Nested = [pscustomobject]@{ Inner = 1 } }
        function Get-Thing {
            param([ValidateSet('Red', 'Green', 'Blue')][string]$Color, [switch]$Force, [bool]$Enabled, $Other)
        }
    """)
    assert ctx.host.stderr_text == ""
    yield ctx
    if ctx.jobs is not None:
        ctx.jobs.shutdown()


def texts(ctx, line, cursor=None):
    return complete_input(ctx, line, cursor).texts


def test_command_names_and_aliases(ctx):
    assert texts(ctx, "Get-Jo") == ["Get-Job"]
    assert "Start-ThreadJob" in texts(ctx, "start-th")
    assert "gjb" in texts(ctx, "gj")
    assert "Get-Thing" in texts(ctx, "Get-Th")


def test_command_after_pipe_assignment_and_brace(ctx):
    assert texts(ctx, "Get-Job | Remove-J") == ["Remove-Job"]
    assert texts(ctx, "$x = Get-Jo") == ["Get-Job"]
    assert texts(ctx, "1..3 | ForEach-Object { Write-Out") == ["Write-Output"]
    assert texts(ctx, "if ($true) { Get-Jo") == ["Get-Job"]


def test_replacement_span(ctx):
    r = complete_input(ctx, "Get-Job | Remove-J")
    assert (r.replacement_index, r.replacement_length) == (10, 8)


def test_parameter_names_from_cmdlet_metadata(ctx):
    assert texts(ctx, "Start-ThreadJob -Thr") == ["-ThrottleLimit"]
    assert texts(ctx, "Receive-Job -Au") == ["-AutoRemoveJob"]
    all_params = texts(ctx, "Get-Job -")
    assert all_params[:3] == ["-Id", "-Name", "-InstanceId"]
    assert "-ErrorAction" in all_params and "-IncludeChildJob" in all_params


def test_parameter_names_through_an_alias(ctx):
    assert "-IncludeChildJob" in texts(ctx, "gjb -Incl")


def test_parameter_names_of_a_function(ctx):
    assert texts(ctx, "Get-Thing -") == ["-Color", "-Force", "-Enabled", "-Other"]
    assert texts(ctx, "Get-Thing -F") == ["-Force"]


def test_parallel_parameter_of_foreach_object(ctx):
    assert texts(ctx, "1..5 | ForEach-Object -Par") == ["-Parallel"]


def test_enum_values(ctx):
    assert texts(ctx, "Get-Job -State ")[:3] == ["NotStarted", "Running", "Completed"]
    assert texts(ctx, "Get-Job -State R") == ["Running"]
    assert texts(ctx, "Get-Job -State:Co") == ["Completed"]
    assert "SilentlyContinue" in texts(ctx, "Get-Job -ErrorAction ")


def test_validate_set_values_of_a_function(ctx):
    assert texts(ctx, "Get-Thing -Color ") == ["Red", "Green", "Blue"]
    assert texts(ctx, "Get-Thing -Color g") == ["Green"]
    # the first positional parameter is -Color: its values complete without the name too
    assert texts(ctx, "Get-Thing B") == ["Blue"]


def test_bool_values(ctx):
    assert texts(ctx, "Get-Thing -Enabled ") == ["$true", "$false"]


def test_job_ids_and_names(ctx):
    job_id = str(ctx.jobs.jobs()[0].id)
    assert texts(ctx, "Receive-Job -Id ") == [job_id]
    assert texts(ctx, "Get-Job -Name W") == ["Worker"]
    assert texts(ctx, "Remove-Job -Name ") == ["Worker"]


def test_variables(ctx):
    assert texts(ctx, "$jo") == ["$job"]
    assert "$PSVersionTable" in texts(ctx, "$PSVer")
    assert texts(ctx, "Write-Output $jo") == ["$job"]
    assert texts(ctx, "$global:jo") == ["$global:job"]


def test_environment_variables(ctx, monkeypatch):
    monkeypatch.setenv("PSLARK_COMPLETION_TEST", "1")
    assert texts(ctx, "$env:PSLARK_COMPLETION_T") == ["$env:PSLARK_COMPLETION_TEST"]


def test_members_of_a_variables_value(ctx):
    assert texts(ctx, "$job.Sta") == ["State", "StatusMessage"]
    assert texts(ctx, "$obj.Si") == ["Size"]
    assert texts(ctx, "$obj.Nested.In") == ["Inner"]
    assert texts(ctx, "$h.Al") == ["Alpha"]
    r = complete_input(ctx, "$job.Sta")
    assert (r.replacement_index, r.replacement_length) == (5, 3)


def test_member_completion_inside_a_command(ctx):
    assert texts(ctx, "Write-Output $job.Nam") == ["Name"]


def test_file_paths(ctx, tmp_path):
    (tmp_path / "alpha.txt").write_text("a")
    (tmp_path / "alpine").mkdir()
    (tmp_path / "with space.ps1").write_text("")
    old = ctx.location
    from pslark.interpreter.engine import get_engine
    get_engine().run_text(ctx, f"Set-Location -LiteralPath '{tmp_path}'")
    try:
        assert texts(ctx, "Get-Content al") == ["./alpha.txt", "./alpine/"]
        assert texts(ctx, "Get-Content ./alp") == ["./alpha.txt", "./alpine/"]
        assert texts(ctx, "Get-Content wi") == ["'./with space.ps1'"]
        assert texts(ctx, f"Get-Content {tmp_path}/alph") == [f"{tmp_path}/alpha.txt"]
        assert texts(ctx, "Set-Location al") == ["./alpine/"]
    finally:
        get_engine().run_text(ctx, f"Set-Location -LiteralPath '{old}'")


def test_help_topics(ctx):
    found = texts(ctx, "Get-Help about_Jo")
    assert "about_Jobs" in found and "about_Job_Details" in found
    assert "Get-Job" in texts(ctx, "Get-Help Get-J")


def test_nothing_inside_a_comment(ctx):
    assert texts(ctx, "Get-Job # Get-Jo") == []


def test_unknown_command_gets_paths_not_errors(ctx):
    assert complete_input(ctx, "no-such-command -x").matches == []


def test_scanner_tolerates_incomplete_input():
    kinds = [t.kind for t in scan("Get-Job -Name 'unterminated")]
    assert kinds == ["word", "param", "str"]
    kinds = [t.kind for t in scan("$a.B.C; foo | bar -x:1")]
    assert kinds == ["var", "sep", "word", "sep", "word", "param"]


def test_completion_never_raises(ctx):
    for text in ["", "$", "-", "'", "{", "}", "$(", "@{", "Get-Job -State:", "&", ". ", "$env:", "$x.",
                 "Get-Help -Name ", "\n", "`", "Get-Job -Id 1,"]:
        assert complete_input(ctx, text) is not None
