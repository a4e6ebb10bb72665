"""The Pester runner: discovery of every container, then the run, as in Pester 5.

Discovery runs each test file (dot-sourced into a fresh script scope of its own). `Describe` / `Context`
run their bodies at once, each in a new scope child of where they were called, and record the block;
`It` records a test, `BeforeAll` & co. record hooks on the current block; `BeforeDiscovery` runs in place.

The run then walks the tree: a block's BeforeAll / AfterAll run in the scope its body ran in (so variables
set in a Pester 4 style Describe body and in BeforeAll are both visible below it), each test runs in a new
scope child of its block's, with BeforeEach (outermost first), the test body and AfterEach (innermost
first) all sharing that scope, as Pester 5 does.
"""
from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import time
from typing import Any, Optional

from pslark.runtime.cmdlets.pester import state
from pslark.runtime.cmdlets.pester.model import Block, Container, Failure, Run, Test, seconds
from pslark.runtime.cmdlets.pester.output import Writer
from pslark.runtime.errors import (
    BreakSignal, ContinueSignal, ErrorRecord, PSException, RuntimeException,
)
from pslark.runtime.objects import Hashtable, OrderedDictionary, PSObject
from pslark.runtime.paths import (
    add_filesystem_drive, filesystem_drive_root, is_filesystem_drive, remove_filesystem_drive,
)
from pslark.runtime.scriptblock import UNSET

ASSERTION_ID = "PesterAssertionFailed"
SKIPPED_ID = "PesterTestSkipped"
INCONCLUSIVE_ID = "PesterTestInconclusive"
PENDING_ID = "PesterTestPending"


class Config:
    """The settings of one run (from Invoke-Pester's parameters or a PesterConfiguration)."""

    def __init__(self):
        self.paths: list[str] = ["."]
        self.exclude_paths: list[str] = []
        self.script_blocks: list = []
        self.tags: list[str] = []
        self.exclude_tags: list[str] = []
        self.full_names: list[str] = []
        self.verbosity = "Normal"
        self.stack_trace = "Filtered"
        self.pass_thru = False
        self.exit = False
        self.throw = False
        self.test_result = False
        self.test_result_path = "testResults.xml"
        self.test_result_format = "NUnitXml"
        self.should_error_action = "Stop"
        self.test_extension = ".Tests.ps1"
        self.skip_run = False


# ----------------------------------------------------------------------------------------------
# errors -> Failure

def _exception_name(exc: BaseException) -> str:
    name = getattr(exc, "dotnet_type", None) or type(exc).__name__
    return str(name).rsplit(".", 1)[-1]


def _split(text: str) -> list[str]:
    return [line for line in str(text).replace("\r\n", "\n").split("\n") if line != ""]


def _target(record: ErrorRecord, key: str) -> Any:
    target = record.target_object
    if isinstance(target, Hashtable):
        return target.get(key)
    if isinstance(target, PSObject):
        return target.get_property(key)
    return None


def _position(record: Optional[ErrorRecord]) -> tuple[str, int]:
    info = getattr(record, "invocation_info", None) if record is not None else None
    extent = getattr(info, "extent", None)
    if extent is None:
        return "<No file>", 0
    return extent.file or "<No file>", extent.start_line


def failure_from(exc: BaseException) -> Failure:
    """ConvertTo-FailureLines: Pester's display lines for one error."""
    if not isinstance(exc, PSException):
        exc = RuntimeException(f"pslark internal error: {type(exc).__name__}: {exc}")
    record = exc.error_record if exc.error_record is not None else ErrorRecord(exc)
    fqid = record.fully_qualified_error_id
    if fqid in (ASSERTION_ID, SKIPPED_ID, INCONCLUSIVE_ID, PENDING_ID):
        kind = {SKIPPED_ID: "Skipped", INCONCLUSIVE_ID: "Inconclusive", PENDING_ID: "Skipped"}.get(fqid, "Failed")
        message = _split(exc.message)
        file = _target(record, "File") or "<No file>"
        line = _target(record, "Line") or 0
        text = str(_target(record, "LineText") or "").strip()
        trace = [f"at {text}, {file}:{line}", f"at <ScriptBlock>, {file}:{line}"]
        return Failure(record, message, trace, kind)
    lines: list[str] = []
    current: Any = exc
    seen = 0
    while current is not None and seen < 20:
        seen += 1
        text = getattr(current, "message", None)
        if text is None:
            text = str(current)
        these = _split(text)
        if these:
            these[0] = f"{_exception_name(current)}: {these[0]}"
        these.reverse()
        lines.extend(these)
        current = getattr(current, "inner", None)
    lines.reverse()
    file, line = _position(record)
    trace = [f"at <ScriptBlock>, {file}:{line}"] if line else []
    return Failure(record, lines, trace, "Failed")


# ----------------------------------------------------------------------------------------------

class PesterRun:
    """One Invoke-Pester (or interactive Describe) run in one runspace."""

    def __init__(self, ctx, config: Config, writer: Optional[Writer] = None):
        self.ctx = ctx
        self.config = config
        self.writer = writer or Writer(ctx, config.verbosity, config.stack_trace)
        self.run = Run()
        self.phase = "discovery"
        self.current_container: Optional[Container] = None
        self.current_block: Optional[Block] = None
        self.current_test: Optional[Test] = None
        self.caller_scope = ctx.session.current
        self._mock_registries: dict[int, Any] = {}
        self._user_time = 0.0

    # ---- mocks: one registry per container (its hooks live in the container's scope)
    @property
    def mocks(self):
        from pslark.runtime.cmdlets.pester.mocks import MockRegistry
        key = id(self.current_container)
        reg = self._mock_registries.get(key)
        if reg is None:
            reg = MockRegistry(self)
            self._mock_registries[key] = reg
        return reg

    def hook_scope(self):
        if self.current_container is not None and self.current_container.scope is not None:
            return self.current_container.scope
        return self.caller_scope

    # ---- running user code in a given scope
    def invoke_in(self, scope, sb, dollar_under: Any = UNSET, args: tuple = ()) -> list:
        session = self.ctx.session
        previous = session.current
        session.current = scope
        start = time.perf_counter()
        # Pester runs user code inside try/catch: statement-terminating errors end the block
        self.ctx.try_depth += 1
        try:
            return sb.invoke_with(list(args), None, dollar_under, UNSET, False)
        except (BreakSignal, ContinueSignal):
            return []
        finally:
            self.ctx.try_depth -= 1
            self._user_time += time.perf_counter() - start
            session.current = previous

    def _set_data(self, scope, data: Any, has_data: bool) -> None:
        if not has_data:
            return
        session = self.ctx.session
        session.new_variable("_", data, scope)
        session.new_variable("PSItem", data, scope)
        if isinstance(data, (Hashtable, OrderedDictionary)):
            for key, value in data.items():
                session.new_variable(str(key), value, scope)

    # ================================================================================ discovery
    def discover(self, container: Container) -> None:
        from pslark.runtime.session import Scope
        started = time.perf_counter()
        self.current_container = container
        self.phase = "discovery"
        scope = Scope(self.caller_scope, is_script=True)
        container.scope = scope
        container.root.scope = scope
        self.current_block = container.root
        session = self.ctx.session
        try:
            define = getattr(container, "define", None)
            if define is not None:
                previous = session.current
                session.current = scope
                try:
                    define(self)
                finally:
                    session.current = previous
            else:
                data = container.data
                if container.type == "File":
                    # as Pester does, the file is dot-sourced by its path: it runs as a script, so
                    # $MyInvocation.MyCommand is the script's (with its Path), $PSScriptRoot its folder
                    path = container.file_path
                    session.new_variable("PSScriptRoot", os.path.dirname(path), scope)
                    session.new_variable("PSCommandPath", path, scope)
                    sb = path
                else:
                    sb = container.item
                if container.type == "File" or (isinstance(data, (Hashtable, OrderedDictionary)) and len(data)):
                    # New-PesterContainer -Data: the values bind to the file's (or block's) param() by name
                    if not isinstance(data, (Hashtable, OrderedDictionary)):
                        data = Hashtable()
                    wrapper = self.ctx.engine.script_block_from_text(
                        "param($__pesterScript, $__pesterData) . $__pesterScript @__pesterData")
                    self.invoke_in(scope, wrapper, args=(sb, data))
                else:
                    self.invoke_in(scope, sb)
        except PSException as exc:
            container.failures.append(failure_from(exc))
        except Exception as exc:  # noqa: BLE001 - never a traceback: the container fails instead
            container.failures.append(failure_from(exc))
        finally:
            self.current_block = None
            self.current_test = None
        if container.failures:
            container.root.items = []
            self.writer.discovery_failed(container)
        self._mark_positions(container.root)
        self._apply_filters(container.root)
        container.discovery_duration = seconds(time.perf_counter() - started)

    def _mark_positions(self, block: Block) -> None:
        blocks = block.blocks
        for i, b in enumerate(blocks):
            b.first = i == 0
            b.last = i == len(blocks) - 1
            self._mark_positions(b)
        tests = block.tests
        for i, t in enumerate(tests):
            t.first = i == 0
            t.last = i == len(tests) - 1

    def _apply_filters(self, root: Block) -> None:
        cfg = self.config
        if not (cfg.tags or cfg.exclude_tags or cfg.full_names):
            return
        from pslark.runtime.cmdlets.pester.nicely import to_text
        from pslark.runtime.operators import binary

        def like(value: str, pattern: str) -> bool:
            return bool(binary("-like", value, pattern))

        for test in root.all_tests():
            tags = [to_text(t) for t in test.all_tags]
            ok = True
            if cfg.tags:
                ok = any(like(t, p) for t in tags for p in cfg.tags)
            if ok and cfg.exclude_tags:
                ok = not any(like(t, p) for t in tags for p in cfg.exclude_tags)
            if ok and cfg.full_names:
                ok = any(like(test.full_name, p) for p in cfg.full_names)
            test.should_run = ok

    # called by the commands while discovering
    def current_owner_block(self) -> Block:
        return self.current_block if self.current_block is not None else self.current_container.root

    def define_block(self, kind: str, name: str, body, tags: list, skip: bool, items: Optional[list],
                     start_line: int) -> None:
        from pslark.runtime.session import Scope
        parent = self.current_owner_block()
        datas = [(None, False)] if items is None else [(item, True) for item in items]
        for data, has_data in datas:
            block = Block(name, kind, parent, body, tags, skip or parent_skip(parent), data, has_data, start_line)
            parent.items.append(block)
            self._ensure_test_drive()
            scope = Scope(self.ctx.session.current)
            block.scope = scope
            self._set_data(scope, data, has_data)
            block.expanded_name = self.expand(name, scope) if has_data or "<" in name else name
            previous = self.current_block
            self.current_block = block
            try:
                self.invoke_in(scope, body)
            finally:
                self.current_block = previous

    def define_test(self, name: str, body, tags: list, skip: bool, items: Optional[list], start_line: int) -> None:
        block = self.current_owner_block()
        datas = [(None, False)] if items is None else [(item, True) for item in items]
        for data, has_data in datas:
            index = len(block.all_tests())
            test = Test(name, block, body, start_line, data, has_data, tags, skip or parent_skip(block), index)
            block.items.append(test)

    # ================================================================================ TestDrive
    def _ensure_test_drive(self) -> None:
        container = self.current_container
        if container is None or getattr(container, "test_drive", None):
            return
        path = tempfile.mkdtemp(prefix="pslark-testdrive-")
        container.test_drive = path
        self.ctx.session.new_variable("TestDrive", path, container.scope)
        # the TestDrive: FileSystem drive, rooted at the same folder, while the container runs (an enclosing
        # Invoke-Pester's drive comes back after it)
        container.outer_test_drive = filesystem_drive_root("TestDrive") if is_filesystem_drive("TestDrive") else None
        add_filesystem_drive("TestDrive", path)

    @staticmethod
    def _snapshot(path: Optional[str]) -> Optional[set]:
        if not path or not os.path.isdir(path):
            return None
        found = set()
        for root, dirs, files in os.walk(path):
            for n in dirs + files:
                found.add(os.path.join(root, n))
        return found

    @staticmethod
    def _restore(path: Optional[str], before: Optional[set]) -> None:
        if before is None or not path or not os.path.isdir(path):
            return
        for root, dirs, files in os.walk(path, topdown=False):
            for n in files:
                p = os.path.join(root, n)
                if p not in before:
                    try:
                        os.remove(p)
                    except OSError:
                        pass
            for n in dirs:
                p = os.path.join(root, n)
                if p not in before:
                    shutil.rmtree(p, ignore_errors=True)

    # ================================================================================ the run
    def run_container(self, container: Container) -> None:
        started = time.perf_counter()
        self._user_time = 0.0
        self.current_container = container
        self.phase = "run"
        container.executed_at = datetime.datetime.now()
        if not container.failures:
            self.writer.container_start(container)
        try:
            if not container.failures:
                root = container.root
                self.run_block(root)
                if root.failures:
                    container.failures.extend(root.failures)
                    root.failures = []
                container.executed = True
        finally:
            self.mocks.remove_hooks()
            drive = getattr(container, "test_drive", None)
            if drive:
                shutil.rmtree(drive, ignore_errors=True)
                container.test_drive = None
                outer = getattr(container, "outer_test_drive", None)
                if outer is None:
                    remove_filesystem_drive("TestDrive")
                else:
                    add_filesystem_drive("TestDrive", outer)
            self.current_block = None
            self.current_test = None
        total = time.perf_counter() - started
        container.user_duration = seconds(self._user_time)
        container.framework_duration = seconds(max(0.0, total - self._user_time))
        if container.failures or any(t.result == "Failed" for t in container.all_tests()) or \
                any(b.failures for b in container.root.all_blocks()):
            container.result = "Failed"
        elif not container.all_tests():
            container.result = "Passed" if container.executed else "NotRun"
        else:
            container.result = "Passed"
        self.writer.container_end(container)

    def run_block(self, block: Block) -> None:
        runnable = [t for t in block.all_tests() if t.should_run]
        if not block.is_root and not runnable:
            block.should_run = False
            return
        started = time.perf_counter()
        block.executed_at = datetime.datetime.now()
        executing = [t for t in runnable if not t.skip]
        drive = getattr(block.container, "test_drive", None)
        snapshot = self._snapshot(drive) if not block.is_root else None
        previous = self.current_block
        self.current_block = block
        setup_ok = True
        try:
            if executing:
                for sb in block.before_all:
                    try:
                        self.invoke_in(block.scope, sb)
                    except PSException as exc:
                        block.failures.append(failure_from(exc))
                        setup_ok = False
                        break
                    except Exception as exc:   # noqa: BLE001
                        block.failures.append(failure_from(exc))
                        setup_ok = False
                        break
            if setup_ok:
                for item in list(block.items):
                    if isinstance(item, Test):
                        if item.should_run:
                            self.run_test(item)
                    else:
                        self.run_block(item)
            else:
                for t in runnable:
                    if not t.skip and not t.executed:
                        t.result = "Failed"
            if executing:
                self.current_test = None
                self.current_block = block
                for sb in block.after_all:
                    try:
                        self.invoke_in(block.scope, sb)
                    except PSException as exc:
                        block.failures.append(failure_from(exc))
                    except Exception as exc:   # noqa: BLE001
                        block.failures.append(failure_from(exc))
        finally:
            self.mocks.remove_owner(block)
            self.current_block = previous
            if snapshot is not None:
                self._restore(drive, snapshot)
        block.executed = True
        block.duration = seconds(time.perf_counter() - started)
        block.result = "Failed" if (block.failures or any(t.result == "Failed" for t in runnable)) else \
            ("Skipped" if runnable and all(t.result == "Skipped" for t in runnable) else "Passed")
        self.writer.block_end(block)

    def run_test(self, test: Test) -> None:
        from pslark.runtime.session import Scope
        block = test.block
        started = time.perf_counter()
        user_before = self._user_time
        test.executed_at = datetime.datetime.now()
        self.writer.block_header(block)
        if test.skip:
            test.result = "Skipped"
            test.expanded_name = test.name          # Pester does not expand the names of skipped tests
            self._finish_test(test, started, user_before)
            return
        scope = Scope(block.scope)
        self._set_data(scope, test.data, test.has_data)
        previous_block = self.current_block
        self.current_block = block
        self.current_test = test
        chain = []
        b = block
        while b is not None:
            chain.append(b)
            b = b.parent
        try:
            setup_ok = True
            for b in reversed(chain):
                for sb in b.before_each:
                    if not self._guarded(test, scope, sb):
                        setup_ok = False
                        break
                if not setup_ok:
                    break
            test.expanded_name = self.expand(test.name, scope)
            if setup_ok:
                test.executed = True
                self._guarded(test, scope, test.script_block, test.data if test.has_data else None)
            for b in chain:
                for sb in b.after_each:
                    self._guarded(test, scope, sb)
        finally:
            self.mocks.remove_owner(test)
            self.current_test = None
            self.current_block = previous_block
        kinds = [f.kind for f in test.failures]
        if "Failed" in kinds:
            test.result = "Failed"
        elif "Skipped" in kinds:
            test.result = "Skipped"
        elif "Inconclusive" in kinds:
            test.result = "Inconclusive"
        else:
            test.result = "Passed"
        for f in test.failures:
            if f.kind in ("Skipped", "Inconclusive") and f.message_lines:
                test.skip_message = " ".join(f.message_lines)
        self._finish_test(test, started, user_before)

    def _finish_test(self, test: Test, started: float, user_before: float) -> None:
        total = time.perf_counter() - started
        user = self._user_time - user_before
        test.duration = seconds(total)
        test.user_duration = seconds(min(user, total))
        test.framework_duration = seconds(max(0.0, total - user))
        self.writer.test_end(test)

    def _guarded(self, test: Test, scope, sb, data: Any = None) -> bool:
        """Run user code of a test; an error becomes a failure of the test. True when it did not throw.
        A test body with a param() block gets a -TestCases hashtable splatted to it (Pester 4 style)."""
        try:
            if isinstance(data, (Hashtable, OrderedDictionary)) and _has_param_block(sb):
                wrapper = self.ctx.engine.script_block_from_text(
                    "param($__pesterTest, $__pesterData) . $__pesterTest @__pesterData")
                self.invoke_in(scope, wrapper, args=(sb, data))
            else:
                self.invoke_in(scope, sb)
            return True
        except PSException as exc:
            test.failures.append(failure_from(exc))
        except Exception as exc:   # noqa: BLE001 - an interpreter failure fails the test, never the run
            test.failures.append(failure_from(exc))
        return False

    def add_soft_failure(self, exc: PSException) -> bool:
        """Should -ErrorAction Continue: record the failure on the running test without stopping it."""
        if self.current_test is None:
            return False
        self.current_test.failures.append(failure_from(exc))
        return True

    # ================================================================================ names
    def expand(self, template: str, scope) -> str:
        """`<name>` and `<name.property>` in a test or block name, from the variables visible in scope."""
        if "<" not in template:
            return template
        import re
        session = self.ctx.session
        previous = session.current
        session.current = scope

        def replace(m):
            path = m.group(1).strip()
            if not path:
                return m.group(0)
            parts = path.split(".")
            head = parts[0]
            if head.startswith("$"):
                head = head[1:]
            try:
                var = session.lookup(head)
                value = var.value if var is not None else None
                if var is None:
                    return ""
                from pslark.runtime import members
                for part in parts[1:]:
                    value = members.get_member(value, part)
                from pslark.runtime.conversion import to_string
                return to_string(value)
            except Exception:      # noqa: BLE001 - a name that cannot be expanded stays as written
                return m.group(0)

        try:
            return re.sub(r"<([^<>\s][^<>]*)>", replace, template)
        finally:
            session.current = previous

    # ================================================================================ whole run
    def execute(self, containers: list[Container]) -> Run:
        run = self.run
        run.executed_at = datetime.datetime.now()
        run.containers = containers
        started = time.perf_counter()
        state.push_run(self.ctx, self)
        try:
            self.writer.start()
            self.writer.discovery_start(len(containers))
            discovery_started = time.perf_counter()
            for c in containers:
                self.discover(c)
            found = sum(len(c.all_tests()) for c in containers)
            run.discovery_duration = seconds(time.perf_counter() - discovery_started)
            self.writer.discovery_end(found, run.discovery_duration)
            if not self.config.skip_run:
                self.writer.run_start()
                for c in containers:
                    self.run_container(c)
        finally:
            state.pop_run(self.ctx, self)
            for c in containers:
                drive = getattr(c, "test_drive", None)
                if drive:
                    shutil.rmtree(drive, ignore_errors=True)
        run.executed = True
        run.duration = seconds(time.perf_counter() - started)
        run.user_duration = sum((c.user_duration for c in containers), datetime.timedelta(0))
        run.framework_duration = sum((c.framework_duration for c in containers), datetime.timedelta(0))
        run.result = "Failed" if run.total_failed > 0 else "Passed"
        self.writer.summary(run)
        return run


def _has_param_block(sb) -> bool:
    ast = getattr(sb, "ast", None)
    return getattr(ast, "param_block", None) is not None


def parent_skip(block: Optional[Block]) -> bool:
    b = block
    while b is not None:
        if b.skip:
            return True
        b = b.parent
    return False


# ----------------------------------------------------------------------------------------------
# finding test files

def find_test_files(ctx, paths: list[str], exclude: list[str], extension: str = ".Tests.ps1") -> list[str]:
    """Find-File: directories are searched recursively for *.Tests.ps1, files are taken as given."""
    from pslark.runtime.operators import binary
    from pslark.runtime.wildcard import has_wildcard
    found: list[str] = []
    ext = extension.casefold()

    def add_dir(d: str) -> None:
        for root, dirs, files in os.walk(d):
            dirs.sort()
            for name in sorted(files):
                if name.casefold().endswith(ext):
                    found.append(os.path.join(root, name))

    for p in paths:
        if p is None or str(p).strip() == "":
            continue
        text = str(p)
        candidates: list[str]
        if has_wildcard(text):
            try:
                from pslark.runtime.paths import expand_wildcards
                candidates = [c for c in expand_wildcards(ctx.session, text) if os.path.exists(c)]
            except Exception:   # noqa: BLE001
                candidates = []
            multiple = len(candidates) > 1
            for c in candidates:
                if os.path.isdir(c):
                    add_dir(c)
                elif not multiple or c.casefold().endswith(ext):
                    found.append(c)
            continue
        full = ctx.session.resolve_path(text)
        if os.path.isdir(full):
            add_dir(full)
        elif os.path.isfile(full):
            if not full.casefold().endswith(".ps1"):
                raise RuntimeException(f"Script path '{full}' is not a ps1 file.", error_id="Microsoft.PowerShell."
                                       "Commands.WriteErrorException")
            found.append(full)
    unique: list[str] = []
    seen = set()
    for f in found:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    if exclude:
        def excluded(f: str) -> bool:
            return any(binary("-like", f.replace("/", "\\"), str(e).replace("/", "\\")) for e in exclude)
        unique = [f for f in unique if not excluded(f)]
    return unique
