"""Progress bars as pwsh's console host draws them (ProgressNode.RenderAnsi / RenderFull), following $PSStyle.Progress."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from pslark.interpreter.repl.progress import (CLASSIC_COLOURS, OSC_INDICATOR_OFF, ProgressSettings, osc_indicator,
                                              render_progress)
from pslark.runtime import psstyle

R = "\x1b[0m"
REV, REV_OFF = "\x1b[7m", "\x1b[27m"


def record(activity="Copying", status="file 3", percent=30, seconds=None, operation=None):
    return SimpleNamespace(activity=activity, status=status, percent=percent, seconds_remaining=seconds,
                           current_operation=operation, parent_id=-1, activity_id=0)


@pytest.fixture
def fresh_psstyle(monkeypatch):
    monkeypatch.setattr(psstyle, "_instance", psstyle.PSStyle())
    psstyle._changed()
    yield psstyle.instance()
    psstyle._changed()


def test_minimal_view_with_the_default_style(fresh_psstyle):
    # width 80: bar 80 - 7 - 4 = 69 cells, of which 30% (20) reversed; seconds at the end of the bar
    line = render_progress([(record(seconds=12), 0)], 80, True)[0]
    content = "file 3" + " " * 59 + "12s"
    assert line == f"\x1b[33;1mCopying [{REV}{content[:20]}{REV_OFF}{content[20:]}]{R}"


def test_minimal_view_follows_style_and_max_width(fresh_psstyle):
    fresh_psstyle.Progress.ps_set("Style", "\x1b[36m")
    fresh_psstyle.Progress.ps_set("MaxWidth", 40)
    line = render_progress([(record(percent=50), 1)], 100, True)[0]
    # indented 2 for the child; bar 40 - 7 - 2 - 4 = 27, content 26 wide, 13 cells done
    content = "file 3" + " " * 20
    assert line == f"  \x1b[36mCopying [{REV}{content[:13]}{REV_OFF}{content[13:]}]{R}"


def test_minimal_view_without_percent_reverses_the_whole_bar_and_cuts_long_text(fresh_psstyle):
    fresh_psstyle.Progress.ps_set("MaxWidth", 30)
    line = render_progress([(record(activity="A" * 20, status="S" * 40, percent=None), 0)], 80, True)[0]
    activity = "A" * 15 + "…"                              # at most half the width, then an ellipsis
    bar = 30 - 16 - 4                                       # 10 cells; the status cut to 10 - 1 - 1, then "…"
    assert line == f"\x1b[33;1m{activity} [{REV}{'S' * (bar - 2)}…{REV_OFF}]{R}"


def test_classic_view_is_a_block_in_the_progress_colours(fresh_psstyle):
    fresh_psstyle.Progress.ps_set("View", "Classic")
    lines = render_progress([(record(percent=45, seconds=75, operation="x.txt"), 0)], 41, True)
    thermo = 40 - 3 - 9                                     # 28; 45% of it is 12 'o'
    body = [" " * 40, " Copying ", "    file 3 ", f"    [{'o' * 12}{' ' * 16}] ", "    00:01:15 remaining.  ", " ",
            "    x.txt ", " " * 40]
    assert thermo == 28
    assert lines == [f"{CLASSIC_COLOURS}{b.ljust(40)}{R}" for b in body]
    assert render_progress([(record(percent=None), 0)], 41, False)[1:3] == [" Copying".ljust(40), "    file 3".ljust(40)]


def test_plain_rendering_without_colour(fresh_psstyle):
    assert render_progress([(record(), 0)], 41, False) == ["Copying [=====>                 ] file 3"]


def test_settings_and_osc_indicator(fresh_psstyle):
    s = ProgressSettings()
    assert (s.style, s.max_width, s.view, s.osc_indicator) == ("\x1b[33;1m", 120, "Minimal", False)
    fresh_psstyle.Progress.ps_set("UseOSCIndicator", True)
    assert ProgressSettings().osc_indicator is True
    assert osc_indicator(45) == "\x1b]9;4;1;45\x1b\\" and osc_indicator(-1) == "\x1b]9;4;1;0\x1b\\"
    assert OSC_INDICATOR_OFF == "\x1b]9;4;0\x1b\\"
