"""Packaging: every subpackage is listed in pyproject.toml (setuptools maps the folders explicitly), the
README's first code block holds exactly the two commands, and .ci/run calls the second."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = {"grammar": "pslark.grammar", "interpreter": "pslark.interpreter", "runtime": "pslark.runtime"}


def _listed_packages() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("packages = [", 1)[1].split("]", 1)[0]
    return set(re.findall(r'"([^"]+)"', block))


def test_every_subpackage_is_listed():
    found = set()
    for folder, package in TOP.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join([package] + list(rel.parts)) if rel.parts else package)
    assert found - _listed_packages() == set()


def test_readme_first_block_has_the_two_commands_and_ci_runs_the_second():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip() and not line.strip().startswith("#")]
    assert len(commands) == 2
    assert "pip install" in commands[0] and "samples/" in commands[0]
    assert "pytest" in commands[1]
    assert "sed -n 2p" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
