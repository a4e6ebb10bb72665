"""Golden tests: what `Get-Help` prints, through the real command line, in English and in German.

The expected texts are tests/help/golden/<lang>/<case>.txt. After a deliberate change of the help, rewrite
them with PSLARK_UPDATE_GOLDEN=1 and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_pslark

GOLDEN = Path(__file__).parent / "golden"
LANGS = {"en": "en_US.UTF-8", "de": "de_DE.UTF-8"}

CASES = {
    "intro": "Get-Help",
    "get-job": "Get-Help Get-Job",
    "get-job-full": "Get-Help Get-Job -Full",
    "get-job-detailed": "Get-Help Get-Job -Detailed",
    "get-job-examples": "Get-Help Get-Job -Examples",
    "get-job-parameter": "Get-Help Get-Job -Parameter Id, State",
    "get-job-question-mark": "Get-Job -?",
    "alias": "Get-Help gjb",
    "foreach-parallel": "Get-Help ForEach-Object -Parameter Parallel, ThrottleLimit, TimeoutSeconds, AsJob",
    "start-threadjob-full": "Get-Help Start-ThreadJob -Full",
    "receive-job-examples": "Get-Help Receive-Job -Examples",
    "about-jobs": "Get-Help -Name about_Jobs",
    "about-jobs-showwindow": "Get-Help -Name 'about_Jobs' -ShowWindow",
    "list-jobs": "Get-Help *-Job",
    "list-about": "Get-Help about_*",
    "function-without-help": "function Get-Thing { param([string]$Name, [int]$Count = 2) }; Get-Help Get-Thing -Full",
    "function-with-help": ("<#\n.SYNOPSIS\nAdds.\n.DESCRIPTION\nAdds two numbers.\n.PARAMETER A\nThe first.\n"
                           ".EXAMPLE\nAdd-Two 1 2\n#>\nfunction Add-Two { param([int]$A, [int]$B) $A + $B }\n"
                           "Get-Help Add-Two -Full"),
    "not-found": "Get-Help about_Nothing_At_All",
}


@pytest.mark.parametrize("lang", sorted(LANGS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_get_help_output(case, lang, tmp_path):
    result = run_pslark(["-NoProfile", "-Command", CASES[case]], env={"LANG": LANGS[lang]}, cwd=str(tmp_path))
    actual = result.stdout + ("\n--- stderr ---\n" + result.stderr if result.stderr else "")
    path = GOLDEN / lang / f"{case}.txt"
    if os.environ.get("PSLARK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected


def test_german_and_english_differ_where_they_should():
    de = (GOLDEN / "de" / "get-job.txt").read_text(encoding="utf-8")
    en = (GOLDEN / "en" / "get-job.txt").read_text(encoding="utf-8")
    assert "\nÜBERSICHT\n" in de and "\nBESCHREIBUNG\n" in de and "Zeigt die Jobs der aktuellen Sitzung." in de
    assert "\nSYNOPSIS\n" in en and "Gets the jobs of the current session." in en
    # the generated SYNTAX is the same in both languages
    assert de[de.index("SYNTAX"):de.index("BESCHREIBUNG")] == en[en.index("SYNTAX"):en.index("DESCRIPTION")]
