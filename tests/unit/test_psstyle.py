"""$PSStyle: pwsh's colours as SGR strings, and OutputRendering deciding whether a console host writes colour."""
from __future__ import annotations

from tests.conftest import run_pslark


def test_psstyle_values():
    r = run_pslark(["-NoProfile", "-Command",
                    "$PSStyle.OutputRendering; $PSStyle.Formatting.TableHeader -eq \"`e[32;1m\"; "
                    "$PSStyle.Formatting.Error -eq \"`e[31;1m\"; $PSStyle.Progress.View; $PSStyle.Reset.Length"])
    assert r.stdout == "Host\nTrue\nTrue\nMinimal\n4\n" and r.stderr == ""


def test_output_rendering_ansi_forces_colour_when_redirected():
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.OutputRendering = 'Ansi'; Write-Warning 'careful'"])
    assert r.stdout == "\x1b[33;1mWARNING: careful\x1b[0m\n"


def test_output_rendering_plaintext_and_host_when_redirected():
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.OutputRendering = 'PlainText'; Write-Warning 'careful'"])
    assert r.stdout == "WARNING: careful\n"
    r = run_pslark(["-NoProfile", "-Command", "Write-Warning 'careful'"])
    assert r.stdout == "WARNING: careful\n"


def test_output_rendering_rejects_other_values():
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.OutputRendering = 'Sometimes'; $PSStyle.OutputRendering"])
    assert "Cannot convert value \"Sometimes\" to type \"System.Management.Automation.OutputRendering\"" in r.stderr
    assert r.stdout.endswith("Host\n")


# ---- customised $PSStyle is honoured (issue 6) ----------------------------------------------------------------

import pytest

from pslark.runtime import psstyle
from pslark.runtime.culture import get_culture
from pslark.runtime.formatting import OutDefault, format_table, out_string, render_verbose, render_warning
from pslark.runtime.formatting.style import style_for
from pslark.runtime.formatting.writers import TableWriter
from pslark.runtime.objects import PSObject

EN = get_culture("en-US")
R = "\x1b[0m"


@pytest.fixture
def fresh_psstyle(monkeypatch):
    """A pristine process-wide $PSStyle for one test (the tests run in one process)."""
    monkeypatch.setattr(psstyle, "_instance", psstyle.PSStyle())
    psstyle._changed()
    yield psstyle.instance()
    psstyle._changed()


def test_customised_table_header_list_label_and_stream_styles(fresh_psstyle):
    ps = fresh_psstyle
    ps.Formatting.ps_set("TableHeader", ps.Foreground.Green)
    ps.Formatting.ps_set("FormatAccent", "\x1b[35m")
    ps.Formatting.ps_set("Warning", "\x1b[38;2;255;128;0m")
    ps.Formatting.ps_set("Verbose", ps.Background.Blue)
    assert out_string(format_table([PSObject([("foo", 1)])], culture=EN), stream=True, ansi=True, culture=EN) == \
        ["", f"\x1b[32mfoo{R}", f"\x1b[32m---{R}", "  1", ""]
    o = OutDefault(79, EN, ansi=True)
    assert o.write(PSObject([(n, 1) for n in "abcde"]))[:2] == ["", f"\x1b[35ma : {R}1"]
    assert render_warning("w", ansi=True) == f"\x1b[38;2;255;128;0mWARNING: w{R}"
    assert render_verbose("v", ansi=True) == f"\x1b[44mVERBOSE: v{R}"
    assert render_warning("w", ansi=False) == "WARNING: w"


def test_custom_table_header_label_style(fresh_psstyle):
    fresh_psstyle.Formatting.ps_set("CustomTableHeaderLabel", "\x1b[36;3m")
    w = TableWriter(style_for(True), word_wrap=True)
    w.initialize(79, [4, 6], [None, None], [True, False], False)
    assert w.header(["Name", "NPM(K)"])[0] == f"\x1b[32;1mName{R} \x1b[36;3mNPM(K){R}"


def test_an_out_default_follows_changes_made_while_it_runs(fresh_psstyle):
    rendering = ["Host"]
    o = OutDefault(79, EN, ansi=lambda: rendering[0] == "Ansi")     # the host's live answer
    assert (o.write(PSObject([("a", 1)])) + o.close())[1] == "a"
    rendering[0] = "Ansi"
    fresh_psstyle.Formatting.ps_set("TableHeader", "\x1b[4m")
    o = OutDefault(79, EN, ansi=lambda: rendering[0] == "Ansi")
    o.write(PSObject([("a", 1)]))
    fresh_psstyle.Formatting.ps_set("TableHeader", "\x1b[5m")      # changed before the table is drawn
    assert o.close()[0] == f"\x1b[5ma{R}"


def test_ansi_rendering_end_to_end_after_customisation():
    script = "\n".join([
        "$PSStyle.OutputRendering = 'Ansi'",
        "$PSStyle.Formatting.TableHeader = $PSStyle.Foreground.Green",
        "$PSStyle.Formatting.FormatAccent = \"`e[35m\"",
        "$PSStyle.Formatting.Warning = $PSStyle.Foreground.FromRgb(255, 128, 0)",
        "$PSStyle.Formatting.Verbose = $PSStyle.Background.Blue",
        "$PSStyle.Formatting.Error = $PSStyle.Foreground.BrightRed",
        "$PSStyle.Formatting.ErrorAccent = $PSStyle.Foreground.BrightCyan",
        "[pscustomobject]@{a=1;b=2}",
        "[pscustomobject]@{a=1} | Format-List",
        "Write-Warning 'w'",
        "Write-Verbose 'v' -Verbose",
        "Write-Error 'boom'"])
    r = run_pslark(["-NoProfile", "-Command", script])
    assert r.stdout == ("\n\x1b[32ma\x1b[0m\x1b[32m b\x1b[0m\n\x1b[32m-\x1b[0m \x1b[32m-\x1b[0m\n1 2\n\n\n"
                        "\x1b[35ma : \x1b[0m1\n\n"
                        "\x1b[38;2;255;128;0mWARNING: w\x1b[0m\n\x1b[44mVERBOSE: v\x1b[0m\n")
    assert r.stderr == ("\x1b[91mWrite-Error: \n\x1b[96mLine |\n\x1b[96m  12 | \x1b[0m \x1b[96mWrite-Error 'boom'\x1b[0m\n"
                        "\x1b[96m     | \x1b[91m ~~~~~~~~~~~~~~~~~~\n\x1b[91m\x1b[96m     | \x1b[91mboom\x1b[0m\n")


def test_customisation_is_invisible_when_not_rendering_ansi():
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.Formatting.TableHeader = $PSStyle.Foreground.Green; "
                    "$PSStyle.Formatting.Warning = \"`e[35m\"; Write-Warning 'w'; [pscustomobject]@{a=1}"])
    assert r.stdout == "WARNING: w\n\na\n-\n1\n\n"


def test_out_string_keeps_colour_only_under_ansi_rendering():
    # Format-Table.Tests.ps1 "Table header should use TableHeader": Out-String is not host output
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.OutputRendering = 'Ansi'; "
                    "[pscustomobject]@{foo=1} | Format-Table | Out-String -Stream; $PSStyle.OutputRendering = 'Host'; "
                    "[pscustomobject]@{foo=1} | Out-String -Stream"])
    assert r.stdout == "\n\x1b[32;1mfoo\x1b[0m\n\x1b[32;1m---\x1b[0m\n  1\n\n\nfoo\n---\n  1\n\n"


def test_file_names_use_fileinfo_styles(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "run.sh").write_text("")
    (tmp_path / "run.sh").chmod(0o755)
    (tmp_path / "s.ps1").write_text("")
    (tmp_path / "z.dat").write_text("")
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.OutputRendering = 'Ansi'; "
                    "$PSStyle.FileInfo.Directory = $PSStyle.Bold + $PSStyle.Foreground.Blue; "
                    "$PSStyle.FileInfo.Executable = \"`e[91m\"; "
                    "$PSStyle.FileInfo.Extension['.txt'] = $PSStyle.Foreground.Yellow; "
                    f"Get-ChildItem '{tmp_path}' | ForEach-Object {{ $_ }} | Out-String -Stream | "
                    "Where-Object { $_ -match '^[-d]r' } | ForEach-Object { ($_ -split ' ')[-1] }"])
    assert r.stderr == ""
    assert r.stdout.splitlines() == ["\x1b[1m\x1b[34msub\x1b[0m", "\x1b[33ma.txt\x1b[0m", "\x1b[91mrun.sh\x1b[0m",
                                         "\x1b[33;1ms.ps1\x1b[0m", "z.dat"]


def test_psstyle_members_give_pwsh_escape_strings():
    r = run_pslark(["-NoProfile", "-Command", "; ".join([
        "$PSStyle.Reset -eq \"`e[0m\"", "$PSStyle.Bold -eq \"`e[1m\"", "$PSStyle.Italic -eq \"`e[3m\"",
        "$PSStyle.Foreground.BrightBlack -eq \"`e[90m\"", "$PSStyle.Background.Yellow -eq \"`e[43m\"",
        "$PSStyle.Foreground.FromRgb(1, 2, 3) -eq \"`e[38;2;1;2;3m\"",
        "$PSStyle.Background.FromRgb(0x102030) -eq \"`e[48;2;16;32;48m\"",
        "$PSStyle.Foreground.FromConsoleColor('DarkYellow') -eq \"`e[33m\"",
        "$PSStyle.Background.FromConsoleColor([ConsoleColor]::White) -eq \"`e[107m\"",
        "$PSStyle.FormatHyperlink('pslark', 'https://example.com') -eq \"`e]8;;https://example.com/`e\\pslark`e]8;;`e\\\"",
        "$PSStyle.Progress.MaxWidth", "$PSStyle.FileInfo.Extension.Keys -join ','"])])
    assert r.stderr == ""
    assert r.stdout == "True\n" * 10 + "120\n.zip,.tgz,.gz,.tar,.nupkg,.cab,.7z,.ps1,.psd1,.psm1,.ps1xml\n"


def test_psstyle_setters_validate_as_pwsh():
    r = run_pslark(["-NoProfile", "-Command", "\n".join([
        "$PSStyle.Formatting.TableHeader = 'abc'",
        "$PSStyle.Progress.MaxWidth = 10",
        "$PSStyle.Progress.View = 'Fancy'",
        "$PSStyle.Foreground.Red = 'x'",
        "$PSStyle.FileInfo.Extension.Add('txt', $PSStyle.Foreground.Cyan)",
        "$PSStyle.Progress.View = 'Classic'; $PSStyle.Progress.View; $PSStyle.Formatting.TableHeader.Length",
        "$PSStyle.FileInfo.Extension.Add('.TXT', $PSStyle.Foreground.Cyan); $PSStyle.FileInfo.Extension.ContainsKey('.txt')",
        "$PSStyle.FileInfo.Extension.Remove('.txt'); $PSStyle.FileInfo.Extension.ContainsKey('.txt')"])])
    assert r.stdout == "Classic\n7\nTrue\nFalse\n"
    err = " ".join(r.stderr.split())
    for text in ('SetValueInvocationException: Exception setting "TableHeader": "The specified string contains '
                 'printable content when it should only contain ANSI escape sequences: abc"',
                 'Exception setting "MaxWidth": "The MaxWidth for the Progress rendering must be at least 18 to render '
                 "correctly. (Parameter 'MaxWidth')\"",
                 'Exception setting "View": "Cannot convert value "Fancy" to type '
                 '"System.Management.Automation.ProgressView".',
                 "'Red' is a ReadOnly property.",
                 'Exception calling "Add" with "2" argument(s): "When adding or removing extensions, the extension '
                 'must start with a period."'):
        assert text in err, text


def test_psstyle_views_show_escape_text():
    r = run_pslark(["-NoProfile", "-Command", "$PSStyle.Progress; $PSStyle.Formatting.TableHeader = \"`e[4m\"; "
                    "$PSStyle | Format-List | Out-String -Stream | Select-Object -Skip 1 -First 1; "
                    "$PSStyle | Out-String -Stream | Where-Object { $_ -like 'Formatting.TableHeader*' }"])
    assert r.stdout == ("\nStyle           : `e[33;1m\nMaxWidth        : 120\nView            : Minimal\n"
                        "UseOSCIndicator : False\n\n"
                        "Reset                             : `e[0m\n"
                        "Formatting.TableHeader            : `e[4m\n")
