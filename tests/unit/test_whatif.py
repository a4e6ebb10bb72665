"""-WhatIf on a state-changing cmdlet describes and changes nothing (it used to run the command)."""
from __future__ import annotations

from tests.conftest import run_pslark


def test_remove_item_whatif_keeps_the_file(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("x")
    result = run_pslark(["-NoProfile", "-Command", f"Remove-Item '{target}' -WhatIf; Test-Path '{target}'"])
    assert result.stdout.splitlines() == [f'What if: Performing the operation "Remove File" on target "{target}".',
                                          "True"]
    assert target.exists()


def test_whatif_preference_applies_too(tmp_path):
    target = tmp_path / "keep2.txt"
    target.write_text("x")
    result = run_pslark(["-NoProfile", "-Command", f"$WhatIfPreference = $true; Remove-Item '{target}'; "
                         f"$WhatIfPreference = $false; Test-Path '{target}'"])
    assert result.stdout.splitlines()[-1] == "True"
