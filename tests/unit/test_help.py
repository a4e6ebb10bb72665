"""Help rendering: SYNTAX generated from metadata in pwsh's notation, the views of a cmdlet page, the source
format, comment-based help, topic lookup, and Get-Help's errors."""
from __future__ import annotations

import pytest

from pslark.runtime.cmdlets import import_all
from pslark.runtime.cmdlet import ALL_SETS, CMDLETS, CommandMetadata, Parameter
from pslark.runtime.help import metadata as M
from pslark.runtime.help.render import CommandHelp, render_command
from pslark.runtime.help.source import parse_blocks, parse_command_help


import_all()   # every cmdlet registered (not only the lazy manifest entries)


def test_syntax_of_get_job_is_pwsh_notation():
    md = CMDLETS["get-job"].metadata
    lines = M.syntax_lines("Get-Job", md)
    assert lines[0].startswith("Get-Job [[-Id] <int[]>] [-IncludeChildJob] [-ChildJobState {NotStarted | Running | ")
    assert lines[0].endswith("[-HasMoreData <bool>] [-Before <datetime>] [-After <datetime>] [-Newest <int>] "
                             "[<CommonParameters>]")
    assert lines[1].startswith("Get-Job [-Name] <string[]> ")
    assert any(line.startswith("Get-Job [-State] {NotStarted | Running | Completed | Failed | Stopped") for line in lines)
    assert len(lines) == len(md.sets)


def test_syntax_orders_positional_then_mandatory_then_named():
    params = [Parameter("switch", name="Force"), Parameter("string", name="Name", mandatory=True),
              Parameter("int", name="Count", position=1), Parameter("string[]", name="Path", position=0,
                                                                          mandatory=True),
              Parameter("object[]", name="ArgumentList"), Parameter("string", name="Color",
                                                                    validate_set=("Red", "Blue"))]
    md = CommandMetadata("Test-Thing", params)
    assert M.syntax_lines("Test-Thing", md) == [
        "Test-Thing [-Path] <string[]> [[-Count] <int>] -Name <string> [-Force] [-ArgumentList <Object[]>] "
        "[-Color {Red | Blue}] [<CommonParameters>]"]


def test_syntax_without_common_parameters_and_with_should_process():
    md = CommandMetadata("f", [Parameter("object", name="a", position=0)], common=False)
    assert M.syntax_lines("f", md) == ["f [[-a] <Object>]"]
    md = CommandMetadata("g", [], should_process=True)
    assert M.syntax_lines("g", md) == ["g [-WhatIf] [-Confirm] [<CommonParameters>]"]


def test_type_display():
    assert M.type_display("System.String[]") == "string[]"
    assert M.type_display("object") == "Object"
    assert M.type_display("Job[]") == "Job[]"
    assert M.type_display("System.Management.Automation.PSObject") == "psobject"


def test_parameter_attributes():
    p = Parameter("Job[]", name="Job", position=0, mandatory=True, pipeline=True, by_property_name=True,
                  sets=("JobParameterSet",))
    assert M.pipeline_input(p) == "True (ByValue, ByPropertyName)"
    assert M.parameter_position(p) == "0"
    assert M.parameter_required(p) == "true"
    assert M.pipeline_input(Parameter("string", name="X")) == "false"


PAGE = """# Test-Thing

## SYNOPSIS
Does a thing.

## DESCRIPTION
The first paragraph,
written over two lines.

- an item
- another item

## PARAMETERS

### -Name
Default value: World
Accept wildcard characters: true
Who gets the thing.

### -Force
Do it anyway.

## INPUTS

### System.String
You can pipe names.

## OUTPUTS

### System.String
A greeting.

## NOTES
Nothing special.

## EXAMPLES

### Example 1: Greet
```powershell
PS> Test-Thing -Name Ada
Hello, Ada
```
It greets.

## RELATED LINKS
- about_Things
- Get-Thing
"""


def _page(view="default", lang="en", width=79, parameters=None):
    doc = parse_command_help(PAGE)
    md = CommandMetadata("Test-Thing", [Parameter("string", name="Name", position=0),
                                        Parameter("switch", name="Force")])
    h = CommandHelp("Test-Thing", "Cmdlet", md, doc, ["tt"], language=lang)
    return render_command(h, view, width, parameters)


def test_source_format():
    doc = parse_command_help(PAGE)
    assert doc.name == "Test-Thing"
    assert doc.synopsis == "Does a thing."
    assert [b.kind for b in doc.description] == ["para", "item", "item"]
    assert doc.description[0].text == "The first paragraph, written over two lines."
    assert doc.parameters["name"].default == "World" and doc.parameters["name"].wildcards
    assert doc.examples[0].title == "Example 1: Greet"
    assert doc.links == ["about_Things", "Get-Thing"]
    fence = doc.fences[0]
    assert fence.commands() == ["Test-Thing -Name Ada"] and fence.expected_output() == ["Hello, Ada"]
    assert fence.line_number == PAGE.splitlines().index("PS> Test-Thing -Name Ada") + 1


def test_default_view():
    text = _page()
    assert text.startswith("\nNAME\n    Test-Thing\n\nSYNOPSIS\n    Does a thing.\n\n\nSYNTAX\n    Test-Thing ")
    assert "\nDESCRIPTION\n    The first paragraph, written over two lines.\n\n    - an item\n    - another item\n" in text
    assert "\nRELATED LINKS\n    about_Things\n    Get-Thing\n" in text
    assert '\nREMARKS\n    To see the examples, type: "Get-Help Test-Thing -Examples".\n' in text
    assert "PARAMETERS" not in text and "Example 1" not in text


def test_full_view_has_parameter_tables_inputs_outputs_notes_examples():
    text = _page("full")
    assert "\nPARAMETERS\n    -Name <string>\n        Who gets the thing.\n\n        Required?                    false\n" \
           "        Position?                    0\n        Default value                World\n" \
           "        Accept pipeline input?       false\n        Aliases                      None\n" \
           "        Accept wildcard characters?  true\n" in text
    assert "    -Force [<SwitchParameter>]\n        Do it anyway.\n" in text
    assert "    <CommonParameters>\n        This cmdlet supports the common parameters" in text
    assert "\nINPUTS\n    System.String\n        You can pipe names.\n" in text
    assert "\nOUTPUTS\n    System.String\n        A greeting.\n" in text
    assert "\nNOTES\n" in text and "Nothing special." in text
    assert "    ---------- Example 1: Greet ----------\n\n    PS> Test-Thing -Name Ada\n    Hello, Ada\n\n    It greets." \
        in text
    assert "REMARKS" not in text


def test_detailed_examples_and_parameter_views():
    detailed = _page("detailed")
    assert "    -Name <string>\n        Who gets the thing.\n\n    -Force" in detailed
    assert "Required?" not in detailed and "REMARKS" in detailed
    examples = _page("examples")
    assert examples.startswith("\nNAME\n    Test-Thing\n\nSYNOPSIS\n    Does a thing.\n\n    ---------- Example 1")
    params = _page("parameter", parameters=M.find_parameters(
        CommandMetadata("Test-Thing", [Parameter("string", name="Name"), Parameter("switch", name="Force")]), ["F*"]))
    assert params.lstrip("\n").startswith("    -Force [<SwitchParameter>]")


def test_german_headings():
    text = _page("full", lang="de")
    for heading in ("\nÜBERSICHT\n", "\nBESCHREIBUNG\n", "\nPARAMETER\n", "\nEINGABEN\n", "\nAUSGABEN\n",
                    "\nHINWEISE\n", "\nVERWANDTE LINKS\n", "Erforderlich?", "Standardwert"):
        assert heading in text
    assert "Zum Aufrufen der Beispiele" in _page("default", lang="de")


def test_wrapping_follows_the_width():
    for line in _page("full", width=40).splitlines():
        if not line.startswith("    PS>") and "Test-Thing [" not in line and "?" not in line and \
                "Default value" not in line and "Aliases" not in line and "-----" not in line:
            assert len(line) <= 40, line


def test_blocks_keep_code_verbatim():
    blocks = parse_blocks(["text", "", "```text", "  keep   this", "```", "", "1. first", "   more"])
    assert [b.kind for b in blocks] == ["para", "code", "item"]
    assert blocks[1].lines == ["  keep   this"] and blocks[2].text == "first more"


# ------------------------------------------------------------------------------------------------
# through the engine

def page(obj) -> str:
    """What a help object prints (Out-String on an 80-column console)."""
    from pslark.runtime.formatting.outdefault import out_string
    return out_string([obj], console_width=80)


@pytest.fixture()
def run():
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost

    def run(text, objects: bool = False):
        engine = get_engine()
        ctx = engine.new_runspace(CollectingHost())
        out: list = []
        engine.run_text(ctx, text, out=out.append)
        return (out if objects else [page(o) for o in out]), ctx.host.stderr_text
    return run


def test_get_help_writes_one_help_object(run):
    out, err = run("Get-Help Get-Job", objects=True)
    assert err == "" and len(out) == 1
    help_ = out[0]
    assert help_.type_names == ["MamlCommandHelpInfo", "HelpInfo"]
    assert (help_.get_property("Name"), help_.get_property("Category")) == ("Get-Job", "Cmdlet")
    assert help_.get_property("Synopsis") == "Gets the jobs of the current session."
    assert page(help_).startswith("\nNAME\n    Get-Job\n")


def test_alias_shows_its_command(run):
    out, _ = run("Get-Help gjb")
    assert "\n    Get-Job\n" in out[0]


def test_question_mark_parameter_shows_help(run):
    out, err = run("Get-Job -?")
    assert err == "" and out[0].startswith("\nNAME\n    Get-Job\n")
    out, err = run("function f { param($a) }; f -?")
    assert err == "" and "\nSYNTAX\n    f [[-a] <Object>]\n" in out[0]


def test_wildcards_list_topics(run):
    out, err = run("Get-Help *-Job", objects=True)
    names = [o.Name for o in out]
    assert {"Get-Job", "Start-Job", "Receive-Job", "Remove-Job", "Stop-Job", "Wait-Job"} <= set(names)
    assert all(o.Category == "Cmdlet" for o in out)
    out, _ = run("Get-Help about_*", objects=True)
    if len(out) > 1:
        assert "about_Jobs" in [o.Name for o in out] and all(o.Category == "HelpFile" for o in out)


def test_help_alone_is_an_introduction(run):
    out, err = run("Get-Help")
    assert err == "" and "Get-Help" in out[0] and "about_" in out[0]


def test_not_found_is_pwsh_error(run):
    out, err = run("Get-Help no-such-topic-anywhere")
    assert out == []
    assert err.startswith("Get-Help: Get-Help could not find no-such-topic-anywhere in a help file in this session.")


def test_parameter_not_found(run):
    out, err = run("Get-Help Get-Job -Parameter Nope")
    assert err.startswith("Get-Help: No parameter matches criteria Nope.")


def test_parameter_view(run):
    out, err = run("Get-Help Get-Job -Parameter Id")
    assert err == "" and out[0].lstrip("\n").startswith("    -Id <int[]>")
    assert "Position?                    0" in out[0]


def test_comment_based_help_before_inside_and_after(run):
    script = """
# .SYNOPSIS
# Adds two numbers.
# .DESCRIPTION
# Returns the sum of A and B.
# .PARAMETER A
# The first number.
# .EXAMPLE
# Add-Two 1 2
# Returns 3.
function Add-Two {
    param(
        [int]$A,
        # The second number.
        [int]$B = 5
    )
    $A + $B
}
function Inside {
    <#
    .SYNOPSIS
    Help at the start of the body.
    #>
    param($x)
}
function AtEnd {
    param($y)
    <#
    .SYNOPSIS
    Help at the end of the body.
    #>
}
Get-Help Add-Two -Full
Get-Help Inside
Get-Help AtEnd
"""
    out, err = run(script)
    assert err == ""
    full, inside, at_end = out
    assert "\nSYNOPSIS\n    Adds two numbers.\n" in full
    assert "\nDESCRIPTION\n    Returns the sum of A and B.\n" in full
    assert "    -A <int>\n        The first number.\n" in full
    assert "    -B <int>\n        The second number.\n" in full
    assert "-------------------------- EXAMPLE 1 --------------------------" in full
    assert "    PS > Add-Two 1 2\n" in full and "Returns 3." in full
    assert "Help at the start of the body." in inside
    assert "Help at the end of the body." in at_end


def test_comment_help_must_be_adjacent(run):
    out, _ = run("# .SYNOPSIS\n# Far away.\n\n\n\nfunction Lonely { }\nGet-Help Lonely")
    assert "Far away." not in out[0]
    assert "\nREMARKS\n    None\n" in out[0]


def test_script_help(run, tmp_path):
    script = tmp_path / "Do-Stuff.ps1"
    script.write_text("<#\n.SYNOPSIS\nDoes stuff from a file.\n#>\nparam([string]$Target)\n'x'\n")
    out, err = run(f"Get-Help '{script}'")
    assert err == ""
    assert "\nSYNOPSIS\n    Does stuff from a file.\n" in out[0]
    assert "Do-Stuff.ps1 [[-Target] <string>]" in out[0]


def test_every_cmdlet_has_a_page(run):
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    engine = get_engine()
    ctx = engine.new_runspace(CollectingHost(width=120))
    for info in list(CMDLETS.values()):
        for view in ("", "-Full", "-Examples", "-Detailed"):
            out: list = []
            engine.run_text(ctx, f"Get-Help -Name '{info.name}' {view}", out=out.append)
            assert len(out) == 1 and f"\n    {info.name}\n" in page(out[0]), (info.name, view)
    assert ctx.host.stderr_text == ""


def test_all_sets_sentinel_is_not_shown():
    md = CommandMetadata("h", [Parameter("string", name="A")])
    assert M.parameter_sets(md) == [ALL_SETS]
    assert M.syntax_lines("h", md) == ["h [-A <string>] [<CommonParameters>]"]


def test_written_pages_belong_to_cmdlets_and_german_covers_the_job_cmdlets():
    from pslark.runtime.help import source as S
    names = {i.name.casefold() for i in CMDLETS.values()}
    en = {n.casefold() for n in S.command_help_names("en-US")}
    de = {n.casefold() for n in S.command_help_names("de-DE")}
    assert en <= names, sorted(en - names)        # no page for a cmdlet that does not exist
    assert de <= en
    assert {"start-job", "get-job", "receive-job", "wait-job", "stop-job", "remove-job", "start-threadjob",
            "foreach-object", "invoke-command"} <= de
    en_about = set(S.about_names("en-US"))
    assert en_about == set(S.about_names("de-DE"))
    assert {"about_Jobs", "about_Job_Details", "about_Remote_Jobs", "about_Thread_Jobs", "about_Remote_Variables",
            "about_Scopes", "about_Pipelines", "about_Script_Blocks", "about_Operators", "about_Automatic_Variables",
            "about_Parsing", "about_pslark"} <= en_about
