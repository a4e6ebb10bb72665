"""Invoke-Pester's console output, after Pester 5's WriteScreen plugin (src/functions/Output.ps1).

Verbosity: None (nothing), Minimal (failures and the summary only: a pslark choice, Pester 5 accepts the
name but has no such level), Normal (discovery lines, failed tests, one line per passing file, summary),
Detailed and Diagnostic (every block and test). Text goes out like Write-Host (the information stream with
the PSHOST tag), so `6>$null` silences it; colours are Pester's theme, shown only when the host does colour.
"""
from __future__ import annotations

import datetime
from typing import Optional

from pslark.runtime.cmdlets.pester.model import Block, Container, Failure, Run, Test

VERSION = "5.7.1"

THEME = {
    "Describe": "Green", "Context": "Cyan", "Pass": "DarkGreen", "PassTime": "DarkGray", "Fail": "Red",
    "FailTime": "DarkGray", "Skipped": "Yellow", "SkippedTime": "DarkGray", "NotRun": "Gray", "Total": "Gray",
    "Inconclusive": "Gray", "InconclusiveTime": "DarkGray", "Foreground": "White", "Information": "DarkGray",
    "Discovery": "Magenta", "Container": "Magenta", "BlockFail": "Red",
}

LEVELS = ("None", "Minimal", "Normal", "Detailed", "Diagnostic")


def human_time(value: datetime.timedelta) -> str:
    """Get-HumanTime: whole milliseconds under a second, else seconds rounded to 2 places."""
    total = value.total_seconds()
    if total < 1:
        return f"{round(total * 1000)}ms"
    secs = round(total, 2)
    text = f"{secs:.2f}".rstrip("0").rstrip(".")
    return f"{text}s"


def test_time(item) -> str:
    return f"{human_time(item.duration)} ({human_time(item.user_duration)}|{human_time(item.framework_duration)})"


def failure_text(failures: list[Failure], margin: str, stack: str = "Filtered") -> str:
    """Format-ErrorMessage: message and stack trace of one error, or `[n] ...` for several, with a margin."""
    if len(failures) > 1:
        parts = []
        for i, f in enumerate(failures):
            text = f"[{i}] {f.display_error_message}"
            if f.trace_lines and stack != "None":
                text += "\n" + (f.trace_lines[0] if stack == "FirstLine" else f.display_stack_trace)
            parts.append(text)
        out = "\n".join(parts)
    elif failures:
        f = failures[0]
        out = f.display_error_message
        if f.trace_lines and f.display_stack_trace.strip() and stack != "None":
            out += "\n" + (f.trace_lines[0] if stack == "FirstLine" else f.display_stack_trace)
    else:
        out = ""
    return "\n".join(margin + line for line in out.split("\n"))


class Writer:
    """Writes one run's progress. `verbosity` is one of LEVELS."""

    def __init__(self, ctx, verbosity: str = "Normal", stack_trace: str = "Filtered"):
        self.ctx = ctx
        self.verbosity = verbosity
        self.stack_trace = stack_trace

    @property
    def detailed(self) -> bool:
        return self.verbosity in ("Detailed", "Diagnostic")

    @property
    def normal(self) -> bool:
        return self.verbosity == "Normal"

    @property
    def quiet(self) -> bool:
        return self.verbosity == "None"

    @property
    def headers(self) -> bool:
        return self.verbosity in ("Normal", "Detailed", "Diagnostic")

    # ---- the host
    def write(self, text: str = "", color: Optional[str] = None, no_newline: bool = False) -> None:
        if self.quiet:
            return
        from pslark.runtime.records import HostInformationMessage, InformationRecord
        msg = HostInformationMessage(text, no_newline, color, None)
        record = InformationRecord(msg, "Invoke-Pester", ("PSHOST",))
        try:
            self.ctx.streams.write_information(record)
        except Exception:       # noqa: BLE001 - a closed stream must not break the run
            pass

    def pair(self, head: str, head_color: str, tail: str, tail_color: str) -> None:
        self.write(head, head_color, no_newline=True)
        self.write(tail, tail_color)

    # ---- run phases
    def start(self) -> None:
        if self.detailed:
            self.write(f"Pester v{VERSION}-pslark", THEME["Discovery"])

    def discovery_start(self, count: int) -> None:
        if self.headers:
            self.write(f"\nStarting discovery in {count} files.", THEME["Discovery"])

    def discovery_failed(self, container: Container) -> None:
        if self.quiet:
            return
        self.write(f"[-] Discovery in {container.name} failed with:", THEME["Fail"])
        self.write(failure_text(container.failures, "", self.stack_trace), THEME["Fail"])

    def discovery_end(self, tests: int, duration: datetime.timedelta) -> None:
        if self.headers:
            self.write(f"Discovery found {tests} tests in {human_time(duration)}.", THEME["Discovery"])

    def run_start(self) -> None:
        if self.headers:
            self.write("Running tests.", THEME["Container"])

    def container_start(self, container: Container) -> None:
        if self.detailed and container.type == "File":
            self.write(f"\nRunning tests from '{container.name}'", THEME["Container"])

    def container_end(self, container: Container) -> None:
        if self.quiet:
            return
        if container.failures and container.executed:
            self.write(f"[-] {container.name} failed with:", THEME["Fail"])
            self.write(failure_text(container.failures, "", self.stack_trace), THEME["Fail"])
        if self.normal:
            t = f" {human_time(container.duration)} ({human_time(container.user_duration)}|" \
                f"{human_time(container.framework_duration)})"
            if container.result == "Passed":
                self.pair(f"[+] {container.name}", THEME["Pass"], t, THEME["PassTime"])

    # ---- blocks and tests
    def block_header(self, block: Block) -> None:
        """Write-BlockToScreen: `Describing x` / `Context y`, parents first, once."""
        if not self.detailed or block.is_root or block.written:
            return
        if block.parent is not None and not block.parent.is_root and not block.parent.written:
            self.block_header(block.parent)
        level = len(block.path) - 1
        if level == 0 and not block.first:
            self.write("")
        block.written = True
        word = "Describing" if block.kind == "Describe" else "Context"
        self.write(f"{' ' * level}{word} {block.expanded_name or block.name}", THEME.get(block.kind, "Green"))

    def test_end(self, test: Test) -> None:
        if self.quiet:
            return
        if self.detailed:
            margin = " " * len(test.path)
            out = test.expanded_name
            if test.skip_message:
                out += f" {test.skip_message}"
        elif test.result == "Failed":
            margin = ""
            out = test.expanded_path
        else:
            return
        error_margin = margin + " "
        time = f" {test_time(test)}"
        if test.result == "Passed":
            self.pair(f"{margin}[+] {out}", THEME["Pass"], time, THEME["PassTime"])
        elif test.result == "Failed":
            self.pair(f"{margin}[-] {out}", THEME["Fail"], time, THEME["FailTime"])
            failures = [f for f in test.failures if f.kind == "Failed"]
            self.write(failure_text(failures, error_margin, self.stack_trace), THEME["Fail"])
        elif test.result == "Skipped":
            self.pair(f"{margin}[!] {out}", THEME["Skipped"], time, THEME["SkippedTime"])
        elif test.result == "Inconclusive":
            self.pair(f"{margin}[?] {out}", THEME["Inconclusive"], time, THEME["InconclusiveTime"])

    def block_end(self, block: Block) -> None:
        if self.quiet or block.is_root or not block.failures:
            return
        if self.detailed:
            self.block_header(block)
            margin = " " * len(block.path)
            error_margin = margin + " "
        else:
            error_margin = " "
        self.write(f"[-] {block.kind} {'.'.join(block.path)} failed", THEME["BlockFail"])
        self.write(failure_text(block.failures, error_margin, self.stack_trace), THEME["Fail"])

    def root_failed(self, container: Container, block: Block) -> None:
        """A top-level BeforeAll / AfterAll outside any Describe failed."""
        if self.quiet or not block.failures:
            return
        self.write(f"[-] {container.name} failed with:", THEME["Fail"])
        self.write(failure_text(block.failures, "", self.stack_trace), THEME["Fail"])

    # ---- the summary
    def summary(self, run: Run) -> None:
        if self.quiet:
            return
        failed = run.failed_count
        self.write(f"Tests completed in {human_time(run.duration)}", THEME["Foreground"])
        success, failure = (THEME["Foreground"], THEME["Fail"]) if failed > 0 else (THEME["Pass"],
                                                                                    THEME["Information"])
        skipped = len(run.with_result("Skipped"))
        inconclusive = len(run.with_result("Inconclusive"))
        not_run = len(run.with_result("NotRun"))
        self.write(f"Tests Passed: {len(run.with_result('Passed'))}, ", success, no_newline=True)
        self.write(f"Failed: {failed}, ", failure, no_newline=True)
        self.write(f"Skipped: {skipped}, ", THEME["Skipped"] if skipped else THEME["Information"], no_newline=True)
        self.write(f"Inconclusive: {inconclusive}, ", THEME["Inconclusive"] if inconclusive else THEME["Information"],
                   no_newline=True)
        self.write(f"NotRun: {not_run}", THEME["NotRun"] if not_run else THEME["Information"])
        blocks = run.failed_blocks()
        if blocks:
            self.write(f"BeforeAll \\ AfterAll failed: {len(blocks)}", THEME["Fail"])
            self.write("\n".join(f"  - {'.'.join(b.path) if not b.is_root else b.container.name}" for b in blocks),
                       THEME["Fail"])
        containers = run.failed_containers()
        if containers:
            self.write(f"Container failed: {len(containers)}", THEME["Fail"])
            self.write("\n".join(f"  - {c.name}" for c in containers), THEME["Fail"])
