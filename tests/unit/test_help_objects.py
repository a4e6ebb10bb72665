"""Get-Help writes objects shaped like pwsh's help objects (not text): what scripts can read from them, how the
lookup treats aliases, wildcards, categories and user-installed about topics, the `help` function with its
pager, and [CommandMetadata] / [ProxyCommand], which make the `help` function's parameters."""
from __future__ import annotations

import pytest


@pytest.fixture()
def ps():
    """Run PowerShell text in a fresh runspace; returns the output objects (`text=True`: as printed, one string)."""
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.formatting.outdefault import out_string
    from pslark.runtime.host import CollectingHost

    def run(script: str, text: bool = False):
        engine = get_engine()
        ctx = engine.new_runspace(CollectingHost())
        ctx.session.lookup("PSUICulture").value = "en-US"    # the English help, whatever LANG this run has
        out: list = []
        engine.run_text(ctx, script, out=out.append)
        assert ctx.host.stderr_text == "", ctx.host.stderr_text
        return out_string(out, console_width=80) if text else out
    return run


def test_command_help_carries_maml_parts(ps):
    out = ps("""
        $h = Get-Help Get-Job
        $h.details.name; $h.details.verb; $h.details.noun
        $h.description[0].PSTypeNames[0]
        $h.description[0].Text.StartsWith('Get-Job returns the job objects')
        $h.syntax.syntaxItem.Count -eq (Get-Command Get-Job).ParameterSets.Count
        $p = $h.parameters.parameter | Where-Object name -eq 'Id'
        $p.required; $p.position; $p.pipelineInput; $p.type.name; $p.aliases
        $h.examples.example[0].code -match 'Get-Job'
        $h.ModuleName
    """)
    assert out == ["Get-Job", "Get", "Job", "MamlParaTextItem", True, True,
                   "false", "0", "True (ByPropertyName)", "int[]", "None", True, "Microsoft.PowerShell.Core"]


def test_parts_print_as_text(ps):
    text = ps("(Get-Help Get-Job).Description | Out-String", text=True)
    assert "Get-Job returns the job objects of the session" in text and "Text" not in text.split("\n")[0:3]
    examples = ps("(Get-Help Get-Job).Examples | Out-String")[0]
    assert "PS> Get-Job" in examples


def test_views_add_type_names_before_the_base_names(ps):
    assert ps("(Get-Help Get-Job -Full).PSTypeNames") == [
        "MamlCommandHelpInfo#FullView", "HelpInfo#FullView", "MamlCommandHelpInfo", "HelpInfo"]
    assert ps("(Get-Help Get-Job -Examples).PSTypeNames")[0] == "MamlCommandHelpInfo#ExamplesView"


def test_function_without_help_gets_generated_help_object(ps):
    out = ps("""
        function Get-Thing { param([string]$Name, [int]$Count) }
        $h = Get-Help Get-Thing
        $h.PSTypeNames -contains 'ExtendedCmdletHelpInfo'
        $h.Category
        $h.Synopsis
        (Get-Help Get-Thing -Parameter Count).PSTypeNames[0]
    """)
    assert out == [True, "Function", "Get-Thing [[-Name] <string>] [[-Count] <int>]",
                   "ExtendedCmdletHelpInfo#parameter"]


def test_parameter_objects_come_in_the_order_asked(ps):
    assert ps("(Get-Help Get-Job -Parameter State, Id).Name") == ["State", "Id"]
    assert ps("(Get-Help Get-Job -Parameter Id).PSTypeNames[0]") == ["MamlCommandHelpInfo#parameter"]


def test_about_topic_is_its_text_with_help_notes(ps):
    out = ps("""
        $h = Get-Help about_Jobs
        $h -is [string]
        $h.Name; $h.Category
        $h.Synopsis
        ($h -split "`n")[0]
    """)
    assert out == [True, "about_Jobs", "HelpFile",
                   "Explains how background jobs run commands without blocking your session, and", "TOPIC"]


def test_default_topic_takes_its_fifth_line_as_synopsis(ps):
    assert ps("$h = Get-Help; $h.Name; $h.Category; $h.Synopsis") == ["default", "HelpFile", "SHORT DESCRIPTION"]


def test_about_topics_from_the_user_help_folder(ps, tmp_path, monkeypatch):
    folder = tmp_path / "powershell" / "Help" / "en-US"
    folder.mkdir(parents=True)
    (folder / "about_Widget1.help.txt").write_text("widget one")
    (folder / "about_Widget.2.help.txt").write_text("widget two")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out = ps("""
        [string](Get-Help about_Widget?)
        [string](Get-Help about_Widget.?)
        (Get-Help about_Widget*).Count
        [string](Get-Help about_Widget.2)
    """)
    # en-US is every culture's last fallback, as for pslark's own topics
    assert out == ["widget one", "widget two", 2, "widget two"]


def test_aliases_exact_and_by_wildcard(ps):
    out = ps("""
        (Get-Help where).Name
        Set-Alias -Name myWhere -Value Where-Object
        $a = Get-Help myWher?
        $a.Category; $a.Synopsis; $a.Name; $a.PSTypeNames
    """)
    assert out == ["Where-Object", "Alias", "Where-Object", "myWhere", "AliasHelpInfo#myWhere", "AliasHelpInfo",
                   "HelpInfo"]


def test_lists_are_help_info_short_with_string_categories(ps):
    out = ps("""
        $all = Get-Help *-Job
        ($all | ForEach-Object { $_.Category.GetType().FullName } | Select-Object -Unique)
        $all[0].PSTypeNames[0]
        (Get-Help -Category HelpFile about_* | Where-Object Category -ne 'HelpFile').Count
    """)
    assert out == ["System.String", "HelpInfoShort", 0]


def test_not_found_and_category_errors_have_pwsh_error_ids(ps):
    out = ps("""
        try { Get-Help -Category Class -Name Get-Job -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        try { & help ([guid]::NewGuid().ToString('N')) -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        try { Get-Help Get-Job -Parameter Nope -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
    """)
    assert out == ["HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"] * 2 + [
        "NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand"]


def test_component_role_functionality_from_comments_and_filters(ps):
    out = ps("""
        function Get-Gadget {
            <#
            .SYNOPSIS
            Gets gadgets.
            .COMPONENT
            Workshop
            .ROLE
            Tinkerer
            .FUNCTIONALITY
            Gadgetry
            #>
            param()
        }
        function Get-Other { <# .SYNOPSIS
        Other. #> param() }
        $h = Get-Help Get-Gadget
        $h.Component; $h.Role; $h.Functionality
        (Get-Help -Component Work* | Select-Object -ExpandProperty Name)
        (Get-Help -Functionality Gadgetry -Role Tink*).Name
        @(Get-Help -Component Nothing* -ErrorAction SilentlyContinue).Count
    """)
    assert out == ["Workshop", "Tinkerer", "Gadgetry", "Get-Gadget", "Get-Gadget", 0]


def test_get_help_ends_with_a_completed_progress_record(ps):
    out = ps("""
        $j = Start-ThreadJob { Get-Help ([guid]::NewGuid().ToString('N')) -ErrorAction SilentlyContinue }
        $null = Wait-Job $j
        $j.Progress[-1].RecordType -eq [System.Management.Automation.ProgressRecordType]::Completed
        Remove-Job $j
    """)
    assert out == [True]


# ------------------------------------------------------------------------------------------------
# the help function

def test_help_is_a_function_with_get_helps_parameters(ps):
    out = ps("""
        (Get-Command help).CommandType
        $fn = [System.Management.Automation.CommandMetadata]::new((Get-Command help -CommandType Function))
        $cmd = [System.Management.Automation.CommandMetadata]::new((Get-Command Get-Help -CommandType Cmdlet))
        [System.Management.Automation.ProxyCommand]::GetParamBlock($fn) -eq [System.Management.Automation.ProxyCommand]::GetParamBlock($cmd)
        [System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($fn)
        (Get-Help help).Name
    """)
    assert out == ["Function", True, "[CmdletBinding(DefaultParameterSetName='AllUsersView')]", "Get-Help"]


def test_help_writes_the_full_view_as_lines_when_redirected(ps):
    out = ps("""
        $lines = help Get-Job
        $lines[0].GetType().Name
        @($lines | Where-Object { $_ -cmatch '^PARAMETERS' }).Count
        @(help Get-Job -Parameter Id | Where-Object { $_ -cmatch '^PARAMETERS' }).Count
        (help *-Job)[0].PSTypeNames[0]
    """)
    assert out == ["String", 1, 0, "HelpInfoShort"]


def test_help_sends_objects_to_a_powershell_pager_and_text_to_a_program(ps, tmp_path):
    pager = tmp_path / "my pager.ps1"
    # the pager's first parameter takes the (empty) pager arguments that `help` passes along
    pager.write_text("param([Parameter()]$PagerArgs, [Parameter(ValueFromPipelineByPropertyName)]$Name)\n"
                     "process { \"paged: $Name\" }\n")
    out = ps(f"""
        $env:PAGER = '{pager}'
        help Get-Job
        $env:PAGER = 'head -n 3'
        help Get-Job
        $env:PAGER = $null
    """)
    assert out == ["paged: Get-Job", "", "NAME", "    Get-Job"]


def test_proxy_command_text_for_an_advanced_function(ps):
    out = ps("""
        function Set-Thing {
            [CmdletBinding(DefaultParameterSetName='ByName', SupportsShouldProcess)]
            param(
                [Parameter(Mandatory, Position=0, ParameterSetName='ByName')]
                [Alias('N')]
                [ValidateSet('a', 'b')]
                [string]$Name,
                [Parameter(ValueFromPipeline)]
                [int[]]$Count,
                [switch]$Force
            )
        }
        $md = [System.Management.Automation.CommandMetadata]::new((Get-Command Set-Thing))
        [System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($md)
        [System.Management.Automation.ProxyCommand]::GetParamBlock($md)
        $md.Parameters.Keys -join ','
        ([System.Management.Automation.ProxyCommand]::Create($md) -split "`n")[-4]
    """)
    assert out[0] == "[CmdletBinding(DefaultParameterSetName='ByName', SupportsShouldProcess=$true, ConfirmImpact='Medium')]"
    assert out[1] == ("\n    [Parameter(ParameterSetName='ByName', Mandatory=$true, Position=0)]\n    [Alias('N')]"
                      "\n    [ValidateSet('a','b')]\n    [string]\n    ${Name},\n"
                      "\n    [Parameter(ValueFromPipeline=$true)]\n    [int[]]\n    ${Count},\n"
                      "\n    [switch]\n    ${Force}")
    assert out[2] == "Name,Count,Force"
    assert out[3] == ".ForwardHelpCategory Function"


def test_simple_function_proxy_has_no_parameter_attributes(ps):
    out = ps("""
        function f($a, [int]$b) { }
        $md = [System.Management.Automation.CommandMetadata]::new((Get-Command f))
        [System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($md)
        [System.Management.Automation.ProxyCommand]::GetParamBlock($md)
    """)
    assert out == ["", "\n    [System.Object]\n    ${a},\n\n    [int]\n    ${b}"]
