"""Engine bugs found while writing help examples, each pinned here."""
from __future__ import annotations

from pslark.interpreter.engine import get_engine
from pslark.runtime.host import CollectingHost


def out(script: str) -> list[str]:
    eng = get_engine()
    host = CollectingHost()
    ctx = eng.new_runspace(host)
    eng.run_text(ctx, script)
    assert host.stderr_text == "", host.stderr_text
    return host.stdout_text.splitlines()


def test_downstream_foreach_does_not_leave_its_dollar_under_behind():
    assert out('1..2 | % { "made $_"; $_ } | % { "used $_" }') == [
        "used made 1", "used 1", "used made 2", "used 2"]


def test_myinvocation_mycommand_is_a_command_with_a_name():
    assert out('function f { $MyInvocation.MyCommand.Name; "$($MyInvocation.MyCommand)" }; f') == ["f", "f"]
