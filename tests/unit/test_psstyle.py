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
