"""Golden tests: each tests/spec/**/NAME.ps1 runs through the real CLI; stdout must equal NAME.out and, when
NAME.err exists, stderr must equal it. A first line `#! env: KEY=VALUE ...` sets environment variables, and
`#! exit: N` the expected exit code (default 0). In NAME.err, {SCRIPT} stands for the script's full path."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_pslark

SPEC_DIR = Path(__file__).parent / "spec"
CASES = sorted(SPEC_DIR.rglob("*.ps1"))


def _directives(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        if not line.startswith("#!"):
            break
        key, _, value = line[2:].strip().partition(":")
        out[key.strip().casefold()] = value.strip()
    return out


@pytest.mark.parametrize("script", CASES, ids=[str(c.relative_to(SPEC_DIR)) for c in CASES])
def test_spec(script: Path, tmp_path):
    text = script.read_text(encoding="utf-8")
    directives = _directives(text)
    env = {}
    for pair in directives.get("env", "").split():
        k, _, v = pair.partition("=")
        env[k] = v
    expected_out = script.with_suffix(".out").read_text(encoding="utf-8")
    err_file = script.with_suffix(".err")
    result = run_pslark([str(script)], env=env, cwd=str(script.parent))
    expected_err = None
    if err_file.exists():
        expected_err = err_file.read_text(encoding="utf-8").replace("{SCRIPT}", str(script))
    assert result.stdout == expected_out, f"stderr was:\n{result.stderr}"
    if expected_err is not None:
        assert result.stderr == expected_err
    else:
        assert result.stderr == "", result.stderr
    code = int(directives.get("exit", "0"))
    assert result.returncode == code
