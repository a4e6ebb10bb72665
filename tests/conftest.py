"""Shared test helpers: run the real `pslark` command line as a user would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pslark_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["LANG"] = "en_US.UTF-8"
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    env["PYTHONUTF8"] = "1"
    env["COLUMNS"] = "80"
    if extra:
        env.update(extra)
    return env


def run_pslark(args: list[str], stdin: str | None = None, env: dict | None = None, cwd: str | None = None,
               timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `pslark ARGS` in a subprocess (stdout/stderr captured, so output is laid out for 80 columns)."""
    cmd = [sys.executable, "-m", "pslark.interpreter"] + list(args)
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=pslark_env(env), cwd=cwd,
                          timeout=timeout, encoding="utf-8")


@pytest.fixture
def pslark():
    return run_pslark
