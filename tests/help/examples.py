"""The examples of every help topic: finding them, running them like a person at the prompt, comparing.

A case is one fenced block (plus the blocks after it marked `continue`, which run in the same session).
Each case runs in a fresh pslark process (job Ids start at 1, as in a new session) in an empty temporary
directory, with LANG set for the topic's language and output redirected (80 columns, no colour).

    python -m tests.help.examples            # run every example, print the ones that differ
    python -m tests.help.examples --show TOPIC  # print what pslark writes for a topic's examples
    python -m tests.help.examples --update FILE...  # write what pslark prints into a file's examples
    python -m tests.help.examples --remote ...  # the same, with the test SSH server for `remote` blocks
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]

LANGS = {"en-US": "en_US.UTF-8", "de-DE": "de_DE.UTF-8"}


class Case:
    def __init__(self, culture: str, topic: str, path: str, fences: list):
        self.culture = culture
        self.topic = topic
        self.path = path
        self.fences = fences

    @property
    def id(self) -> str:
        return f"{self.culture}/{self.topic}:{self.fences[0].line_number}"

    @property
    def flags(self) -> frozenset:
        out: set = set()
        for f in self.fences:
            out |= f.flags
        return frozenset(out)

    def commands(self) -> list[str]:
        out: list[str] = []
        for f in self.fences:
            out += f.commands()
        return out


def collect() -> list[Case]:
    from pslark.runtime.help import source as S
    cases: list[Case] = []
    for culture in LANGS:
        folder = Path(S.HELP_DIR) / culture
        if not folder.is_dir():
            continue
        docs = []
        for path in sorted((folder / "cmdlets").glob("*.txt")) if (folder / "cmdlets").is_dir() else []:
            doc = S.parse_command_help(path.read_text(encoding="utf-8"), str(path))
            docs.append((doc.name, str(path), doc.fences))
        for path in sorted(folder.glob("*.help.txt")):
            name = path.name[:-len(".help.txt")]
            topic = S.AboutTopic(name, path.read_text(encoding="utf-8"), str(path))
            docs.append((name, str(path), topic.fences))
        for name, path, fences in docs:
            current: Optional[Case] = None
            for fence in fences:
                if not fence.runnable:
                    continue
                if "continue" in fence.flags and current is not None:
                    current.fences.append(fence)
                    continue
                current = Case(culture, name, path, [fence])
                cases.append(current)
    return cases


def run_case(case: Case, extra_env: Optional[dict] = None, timeout: float = 120) -> list[tuple[str, bool]]:
    """[(output text, wrote to stderr)] per command of the case."""
    commands = case.commands()
    with tempfile.TemporaryDirectory(prefix="pslark-example-") as tmp:
        spec = Path(tmp) / "case.json"
        spec.write_text(json.dumps({"commands": commands}), encoding="utf-8")
        work = Path(tmp) / "work"
        work.mkdir()
        env = dict(os.environ)
        for k in ("NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PSLARK_DEBUG"):
            env.pop(k, None)
        env.update({"LANG": LANGS[case.culture], "COLUMNS": "80", "PYTHONUTF8": "1", "TERM": "dumb",
                    "XDG_DATA_HOME": str(Path(tmp) / "data"), "XDG_CONFIG_HOME": str(Path(tmp) / "config")})
        paths = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
        if extra_env:
            env.update(extra_env)
        read_fd, write_fd = os.pipe()
        env["PSLARK_EXAMPLE_RESULT_FD"] = str(write_fd)
        try:
            proc = subprocess.Popen([sys.executable, "-m", "tests.help.driver", str(spec)], cwd=str(work), env=env,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    pass_fds=(write_fd,))
        finally:
            os.close(write_fd)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        with os.fdopen(read_fd, "r") as fh:
            try:
                flags = json.loads(fh.read() or "[]")
            except ValueError:
                flags = []
    text = out.decode("utf-8", errors="replace")
    parts = re.split(r"\x1e(\d+)\n", text)
    outputs: dict[int, str] = {}
    for i in range(1, len(parts) - 1, 2):
        outputs[int(parts[i])] = parts[i + 1]
    return [(outputs.get(i, "" if i else text), bool(flags[i]) if i < len(flags) else False)
            for i in range(len(commands))]


def split_by_fence(case: Case, results: list) -> list[tuple[object, str, bool]]:
    """[(fence, output of its commands, any stderr)]."""
    out = []
    i = 0
    for fence in case.fences:
        n = len(fence.commands())
        chunk = results[i:i + n]
        i += n
        out.append((fence, "".join(text for text, _ in chunk), any(e for _, e in chunk)))
    return out


def _norm(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str], unordered: bool = False) -> bool:
    """Line-by-line equality (trailing spaces and blank lines at either end ignored); a line `...` matches
    any number of lines and `...` inside a line any text."""
    exp = _norm(expected)
    act = _norm(actual)
    if unordered:
        return sorted(exp) == sorted(act)
    return _match(exp, act)


def _match(exp: list[str], act: list[str]) -> bool:
    if not exp:
        return not act
    head = exp[0]
    if head.strip() == "...":
        return any(_match(exp[1:], act[k:]) for k in range(len(act) + 1))
    if not act:
        return False
    if "..." in head:
        rx = "^" + ".*".join(re.escape(p) for p in head.split("...")) + "$"
        if not re.match(rx, act[0]):
            return False
    elif head != act[0]:
        return False
    return _match(exp[1:], act[1:])


def update_file(path: str, only_failing: bool = True, remote_env: Optional[dict] = None) -> int:
    """Write what pslark prints into the examples of one help file (for a person to review with git diff).
    Blocks with `...` wildcards are left alone, and `remote` blocks unless remote_env (the test SSH server's
    environment) is given. Returns the number of blocks rewritten."""
    from pslark.runtime.help import source as S
    cases = [c for c in collect() if os.path.realpath(c.path) == os.path.realpath(path)]
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    edits = []
    for case in cases:
        if "remote" in case.flags and remote_env is None:
            continue
        results = run_case(case, extra_env=remote_env if "remote" in case.flags else None)
        i = 0
        for fence in case.fences:
            n = len(fence.commands())
            chunk = results[i:i + n]
            i += n
            expected = fence.expected_output()
            actual = "".join(t for t, _ in chunk).splitlines()
            if any("..." in line for line in expected):
                continue
            if only_failing and matches(expected, actual):
                continue
            first = fence.line_number - 1            # index of the first body line
            end = first + len(fence.lines)           # index of the closing fence line
            indent = re.match(r"^(\s*)", lines[first - 1]).group(1)
            body: list[str] = []
            outputs = [t.splitlines() for t, _ in chunk]
            cmd_index = -1
            for line in fence.lines:
                if S.prompt_command(line) is not None:
                    cmd_index += 1
                    if cmd_index > 0:
                        body += [(indent + o).rstrip() for o in _trim(outputs[cmd_index - 1])]
                    body.append(indent + line)
                elif line.startswith(">> ") or line == ">>":
                    body.append(indent + line)
            if cmd_index >= 0:
                body += [(indent + o).rstrip() for o in _trim(outputs[cmd_index], last=True)]
            edits.append((first, end, body))
    for first, end, body in sorted(edits, reverse=True):
        lines[first:end] = body
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    return len(edits)


def _trim(lines: list[str], last: bool = False) -> list[str]:
    lines = [line.rstrip() for line in lines]
    if last:
        while lines and not lines[-1]:
            lines.pop()
    return lines


def _with_sshd(fn):
    """Run fn(extra_env) with the remoting tests' throw-away sshd (Server01 ... Server08, DownHost)."""
    import tempfile as _tempfile
    from tests.remoting.sshd_server import find_sshd, start_server
    exe = find_sshd()
    if exe is None:
        raise SystemExit("sshd is not installed")
    server = start_server(exe, Path(_tempfile.mkdtemp(prefix="pslark-help-sshd-")))
    try:
        return fn(server.env)
    finally:
        server.stop()


def _main(argv: list[str]) -> int:
    if argv[:1] == ["--remote"]:
        return _with_sshd(lambda env: _main_with(argv[1:], env))
    return _main_with(argv, None)


def _main_with(argv: list[str], remote_env: Optional[dict]) -> int:
    show = None
    if argv[:1] == ["--update"]:
        for path in argv[1:]:
            print(path, update_file(path, remote_env=remote_env), "block(s) rewritten")
        return 0
    if argv[:1] == ["--show"]:
        show = argv[1].casefold()
    failures = 0
    for case in collect():
        if show and case.topic.casefold() != show and case.id.casefold() != show:
            continue
        if "remote" in case.flags and remote_env is None:
            continue
        results = run_case(case, extra_env=remote_env if "remote" in case.flags else None)
        for fence, text, wrote_error in split_by_fence(case, results):
            actual = text.splitlines()
            if show:
                from pslark.runtime.help.source import prompt_command
                print(f"--- {case.id} (line {fence.line_number})")
                for line in fence.lines:
                    if prompt_command(line) is not None or line.startswith(">> ") or line == ">>":
                        print(line)
                print("\n".join(_norm(actual)))
                continue
            if not matches(fence.expected_output(), actual, "unordered" in fence.flags):
                failures += 1
                print(f"FAIL {case.id} line {fence.line_number}\n--- expected\n" +
                      "\n".join(_norm(fence.expected_output())) + "\n--- actual\n" + "\n".join(_norm(actual)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
