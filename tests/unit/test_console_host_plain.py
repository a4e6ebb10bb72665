"""The console host writes plain text when it does not render ANSI: escape sequences a script wrote itself
(`"`e[31m..."`, $PSStyle values) are dropped too, as pwsh's host does for OutputRendering PlainText."""
import io
import os
import subprocess
import sys

from pslark.runtime.host import ConsoleHost

RED = "\x1b[31mred\x1b[0m"
LINK = "\x1b]8;;https://example.org\x1b\\site\x1b]8;;\x1b\\"


def host(rendering="Host"):
    out, err = io.StringIO(), io.StringIO()
    h = ConsoleHost(stdout=out, stderr=err)
    h.output_rendering = rendering
    return h, out, err


def test_redirected_host_mode_drops_escape_sequences():
    h, out, err = host()
    h.write_out(RED + " " + LINK + "\n")
    h.write_err(RED + "\n")
    assert out.getvalue() == "red site\n"
    assert err.getvalue() == "red\n"


def test_ansi_mode_keeps_them():
    h, out, _ = host("Ansi")
    h.write_out(RED + "\n")
    assert out.getvalue() == RED + "\n"


def test_script_output_through_the_command_line():
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    code = ('"$($PSStyle.Foreground.Red)red$($PSStyle.Reset)"; Write-Host "`e[1mbold`e[0m"; '
            '$PSStyle.OutputRendering = "Ansi"; "$($PSStyle.Foreground.Red)red$($PSStyle.Reset)"')
    res = subprocess.run([sys.executable, "-m", "pslark.interpreter", "-NoProfile", "-c", code],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.stdout == "red\nbold\n\x1b[31mred\x1b[0m\n"
