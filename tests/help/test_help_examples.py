"""Every example in every help topic runs, and prints what the topic shows.

Each fenced ```powershell block of the help files (cmdlet pages and about topics, English and German) runs
in a fresh pslark process as a person would type it (tests/help/driver.py): the output, standard error
included, must match the lines shown. Blocks marked `error` must write an error (and show it); the others
must not. Blocks marked `remote` run against the test SSH server's Server01..Server08 (tests/remoting).
"""
from __future__ import annotations

import concurrent.futures
import os

import pytest

from tests.help import examples as X

try:   # the SSH server fixture of the remoting tests (Server01 ... Server08 in a throw-away ~/.ssh/config)
    from tests.remoting.conftest import sshd  # noqa: F401
    HAVE_SSHD_FIXTURE = True
except ImportError:   # pragma: no cover - the remoting tests are not there
    HAVE_SSHD_FIXTURE = False

CASES = X.collect()
_results: dict = {}


def _run_all_local(selected) -> None:
    """Run every selected local case once, four at a time (many examples wait for jobs)."""
    todo = [c for c in selected if "remote" not in c.flags and c.id not in _results]
    workers = int(os.environ.get("PSLARK_EXAMPLE_WORKERS", "4"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for case, result in zip(todo, pool.map(X.run_case, todo)):
            _results[case.id] = result


def _result(case, request):
    if "remote" in case.flags:
        if not HAVE_SSHD_FIXTURE:
            pytest.skip("remote example: the SSH test server fixture (tests/remoting) is not available")
        server = request.getfixturevalue("sshd")
        return X.run_case(case, extra_env=server.env)
    if case.id not in _results:
        selected = [item.callspec.params["case"] for item in request.session.items
                    if getattr(item, "callspec", None) is not None
                    and isinstance(item.callspec.params.get("case"), X.Case)]
        _run_all_local(selected or [case])
    return _results[case.id]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example(case, request):
    results = _result(case, request)
    for fence, text, wrote_error in X.split_by_fence(case, results):
        expected = fence.expected_output()
        actual = text.splitlines()
        where = f"{case.path}:{fence.line_number}"
        assert X.matches(expected, actual, "unordered" in fence.flags), (
            f"{where}: the example's output differs\n--- shown in the topic\n" + "\n".join(X._norm(expected)) +
            "\n--- printed by pslark\n" + "\n".join(X._norm(actual)))
        if "error" in fence.flags:
            assert wrote_error, f"{where}: marked as teaching an error, but no error was written"
        else:
            assert not wrote_error, f"{where}: an error was written, but the example is not marked `error`"


def test_there_are_examples():
    assert len(CASES) > 50


def test_every_fence_is_runnable_or_marked_text():
    from pslark.runtime.help import source as S
    from pathlib import Path
    bad = []
    for culture in X.LANGS:
        folder = Path(S.HELP_DIR) / culture
        files = list(folder.glob("*.help.txt")) + list((folder / "cmdlets").glob("*.txt"))
        for path in files:
            text = path.read_text(encoding="utf-8")
            fences: list = []
            if path.name.endswith(".help.txt"):
                fences = S.AboutTopic(path.stem, text).fences
            else:
                fences = S.parse_command_help(text).fences
            for f in fences:
                if f.info.casefold() == "text":
                    continue
                if not f.runnable or not f.commands():
                    bad.append(f"{path}:{f.line_number} ({f.info!r})")
                if f.flags - {"error", "remote", "unordered", "continue"}:
                    bad.append(f"{path}:{f.line_number} unknown flags {sorted(f.flags)}")
    assert not bad, "fenced blocks that are neither runnable examples nor ```text:\n" + "\n".join(bad)
