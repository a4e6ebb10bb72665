"""The test tree and the result objects: Run > Container > Block (Describe / Context) > Test (It).

One set of Python objects serves the runner while it works and is what `Invoke-Pester -PassThru` returns:
each class declares Pester's type name and property names (Pester.Run, Pester.Container, Pester.Block,
Pester.Test) and resolves them through `ps_get`, so `$r.FailedCount` or `$r.Tests[0].Result` work in scripts.
"""
from __future__ import annotations

import datetime
from typing import Any, Optional

ZERO = datetime.timedelta(0)

RESULT_MARKS = {"Passed": "[+]", "Failed": "[-]", "Skipped": "[!]", "Inconclusive": "[?]", "NotRun": "[ ]"}


def seconds(value: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=value)


class PesterObject:
    """Base for result objects: a table of PowerShell property names -> getter."""

    type_names: list = ["System.Object"]
    _ps: dict = {}

    @classmethod
    def _table(cls) -> dict:
        table = cls.__dict__.get("_folded")
        if table is None:
            table = {k.casefold(): v for k, v in cls._ps.items()}
            cls._folded = table
        return table

    @property
    def ps_properties(self) -> tuple:
        return tuple(self._ps)

    def ps_get(self, name: str) -> Any:
        getter = self._table().get(name.casefold())
        if getter is None:
            raise AttributeError(name)
        return getter(self)

    def __getattr__(self, name: str) -> Any:
        # PowerShell-cased names (FailedCount, Tests ...) resolve like ps_get, for generic member access
        if name.startswith("_"):
            raise AttributeError(name)
        getter = type(self)._table().get(name.casefold())
        if getter is None:
            raise AttributeError(name)
        return getter(self)

    def ps_to_string(self) -> str:
        return str(self)


class Failure:
    """One error of a test or block: the ErrorRecord plus the lines Pester displays for it."""

    def __init__(self, record: Any, message_lines: list[str], trace_lines: list[str], kind: str = "Failed"):
        self.record = record
        self.message_lines = message_lines
        self.trace_lines = trace_lines
        self.kind = kind            # Failed, Skipped, Inconclusive

    @property
    def display_error_message(self) -> str:
        return "\n".join(self.message_lines)

    @property
    def display_stack_trace(self) -> str:
        return "\n".join(self.trace_lines)


class Test(PesterObject):
    type_names = ["Pester.Test", "System.Object"]

    def __init__(self, name: str, block: "Block", script_block: Any, start_line: int = 0, data: Any = None,
                 has_data: bool = False, tags: Optional[list] = None, skip: bool = False, index: int = 0):
        self.name = name
        self.block = block
        self.script_block = script_block
        self.start_line = start_line
        self.data = data
        self.has_data = has_data
        self.tags = list(tags or [])
        self.skip = skip
        self.index = index
        self.expanded_name = name
        self.result = "NotRun"
        self.failures: list[Failure] = []
        self.skip_message = ""          # "is skipped, because ..." from Set-ItResult
        self.executed = False
        self.executed_at: Optional[datetime.datetime] = None
        self.should_run = True
        self.duration = ZERO
        self.user_duration = ZERO
        self.framework_duration = ZERO
        self.first = False
        self.last = False
        self.standard_output: list = []

    @property
    def path(self) -> list[str]:
        return self.block.path + [self.name]

    @property
    def expanded_path(self) -> str:
        return ".".join(self.block.expanded_path_list + [self.expanded_name])

    @property
    def full_name(self) -> str:
        return ".".join(self.block.path + [self.name])

    @property
    def all_tags(self) -> list[str]:
        tags = list(self.tags)
        b = self.block
        while b is not None:
            tags.extend(b.tags)
            b = b.parent
        return tags

    @property
    def records(self) -> list:
        return [f.record for f in self.failures if f.kind == "Failed"]

    def __str__(self):
        return f"{RESULT_MARKS.get(self.result, '[ERR]')} {self.expanded_name or self.name}"

    _ps = {
        "Name": lambda s: s.name, "Path": lambda s: s.path, "Data": lambda s: s.data,
        "ExpandedName": lambda s: s.expanded_name, "ExpandedPath": lambda s: s.expanded_path,
        "Result": lambda s: s.result, "ErrorRecord": lambda s: [f.record for f in s.failures],
        "StandardOutput": lambda s: s.standard_output or None,
        "Duration": lambda s: s.duration, "ItemType": lambda s: "Test", "Id": lambda s: str(s.index),
        "ScriptBlock": lambda s: s.script_block, "Tag": lambda s: s.tags or None, "Focus": lambda s: False,
        "Skip": lambda s: s.skip, "Block": lambda s: s.block, "First": lambda s: s.first,
        "Last": lambda s: s.last, "Include": lambda s: False, "Exclude": lambda s: False,
        "Explicit": lambda s: False, "ShouldRun": lambda s: s.should_run, "Executed": lambda s: s.executed,
        "ExecutedAt": lambda s: s.executed_at, "Passed": lambda s: s.result == "Passed",
        "Skipped": lambda s: s.result == "Skipped", "Inconclusive": lambda s: s.result == "Inconclusive",
        "UserDuration": lambda s: s.user_duration, "FrameworkDuration": lambda s: s.framework_duration,
        "StartLine": lambda s: s.start_line, "FrameworkData": lambda s: None, "PluginData": lambda s: None,
    }


class Block(PesterObject):
    """A Describe or Context (or the root block of a container)."""

    type_names = ["Pester.Block", "System.Object"]

    def __init__(self, name: str, kind: str, parent: Optional["Block"], script_block: Any = None,
                 tags: Optional[list] = None, skip: bool = False, data: Any = None, has_data: bool = False,
                 start_line: int = 0, container: Optional["Container"] = None):
        self.name = name
        self.kind = kind                    # "Describe", "Context" or "Root"
        self.parent = parent
        self.script_block = script_block
        self.tags = list(tags or [])
        self.skip = skip
        self.data = data
        self.has_data = has_data
        self.start_line = start_line
        self.container = container if container is not None else (parent.container if parent else None)
        self.expanded_name = name
        self.items: list = []               # tests and blocks, in order
        self.before_all: list = []
        self.after_all: list = []
        self.before_each: list = []
        self.after_each: list = []
        self.scope = None                   # the session scope the body ran in (shared with BeforeAll)
        self.failures: list[Failure] = []
        self.result = "NotRun"
        self.executed = False
        self.executed_at: Optional[datetime.datetime] = None
        self.should_run = True
        self.duration = ZERO
        self.user_duration = ZERO
        self.framework_duration = ZERO
        self.discovery_duration = ZERO
        self.first = False
        self.last = False
        self.written = False                # Detailed output: "Describing x" printed
        self.test_drive: Optional[str] = None

    @property
    def is_root(self) -> bool:
        return self.kind == "Root"

    @property
    def blocks(self) -> list["Block"]:
        return [i for i in self.items if isinstance(i, Block)]

    @property
    def tests(self) -> list[Test]:
        return [i for i in self.items if isinstance(i, Test)]

    @property
    def path(self) -> list[str]:
        if self.is_root or self.parent is None:
            return []
        return self.parent.path + [self.name]

    @property
    def expanded_path_list(self) -> list[str]:
        if self.is_root or self.parent is None:
            return []
        return self.parent.expanded_path_list + [self.expanded_name]

    def all_tests(self) -> list[Test]:
        out: list[Test] = []
        for item in self.items:
            if isinstance(item, Test):
                out.append(item)
            else:
                out.extend(item.all_tests())
        return out

    def all_blocks(self) -> list["Block"]:
        out: list[Block] = []
        for b in self.blocks:
            out.append(b)
            out.extend(b.all_blocks())
        return out

    def count(self, result: str) -> int:
        return sum(1 for t in self.all_tests() if t.result == result)

    @property
    def passed(self) -> bool:
        return not self.failures and all(t.result != "Failed" for t in self.all_tests()) and \
            all(not b.failures for b in self.all_blocks())

    def __str__(self):
        return f"{RESULT_MARKS.get(self.result, '[ERR]')} {self.name}"

    _ps = {
        "Name": lambda s: s.name, "Path": lambda s: s.path, "Data": lambda s: s.data,
        "ExpandedName": lambda s: s.expanded_name, "ExpandedPath": lambda s: ".".join(s.expanded_path_list),
        "Tag": lambda s: s.tags or None, "Result": lambda s: s.result,
        "FailedCount": lambda s: s.count("Failed"), "PassedCount": lambda s: s.count("Passed"),
        "SkippedCount": lambda s: s.count("Skipped"), "InconclusiveCount": lambda s: s.count("Inconclusive"),
        "NotRunCount": lambda s: s.count("NotRun"), "TotalCount": lambda s: len(s.all_tests()),
        "ErrorRecord": lambda s: [f.record for f in s.failures], "Duration": lambda s: s.duration,
        "Blocks": lambda s: s.blocks, "Tests": lambda s: s.tests, "Order": lambda s: list(s.items),
        "ItemType": lambda s: "Block", "IsRoot": lambda s: s.is_root, "Parent": lambda s: s.parent,
        "ScriptBlock": lambda s: s.script_block, "StartLine": lambda s: s.start_line,
        "Skip": lambda s: s.skip, "Focus": lambda s: False, "First": lambda s: s.first, "Last": lambda s: s.last,
        "ShouldRun": lambda s: s.should_run, "Executed": lambda s: s.executed,
        "ExecutedAt": lambda s: s.executed_at, "Passed": lambda s: s.passed,
        "OwnPassed": lambda s: not s.failures, "UserDuration": lambda s: s.user_duration,
        "FrameworkDuration": lambda s: s.framework_duration, "DiscoveryDuration": lambda s: s.discovery_duration,
        "FrameworkData": lambda s: None, "PluginData": lambda s: None, "StandardOutput": lambda s: None,
        "BlockContainer": lambda s: s.container,
    }


class Container(PesterObject):
    """One test file (or script block) with its root block."""

    type_names = ["Pester.Container", "System.Object"]

    def __init__(self, kind: str, item: Any, path: Optional[str] = None, data: Any = None):
        self.type = kind                    # "File" or "ScriptBlock"
        self.item = item
        self.file_path = path
        self.data = data
        self.root = Block("Root", "Root", None, container=self)
        self.root.container = self
        self.failures: list[Failure] = []   # discovery failures and container-level errors
        self.result = "NotRun"
        self.executed = False
        self.executed_at: Optional[datetime.datetime] = None
        self.discovery_duration = ZERO
        self.user_duration = ZERO
        self.framework_duration = ZERO
        self.scope = None

    @property
    def name(self) -> str:
        if self.type == "File":
            return self.file_path or str(self.item)
        sb = self.item
        extent = getattr(getattr(sb, "ast", None), "extent", None)
        if extent is not None and getattr(extent, "file", None):
            return f"<ScriptBlock>:{extent.file}:{extent.start_line}"
        return "<ScriptBlock>"

    @property
    def duration(self) -> datetime.timedelta:
        return self.discovery_duration + self.user_duration + self.framework_duration

    def all_tests(self) -> list[Test]:
        return self.root.all_tests()

    def count(self, result: str) -> int:
        return self.root.count(result)

    @property
    def passed(self) -> bool:
        return not self.failures and self.root.passed

    def __str__(self):
        return f"{RESULT_MARKS.get(self.result, '[ERR]')} {self.name}"

    _ps = {
        "Name": lambda s: s.name, "Type": lambda s: s.type, "Item": lambda s: s.item, "Data": lambda s: s.data,
        "Blocks": lambda s: s.root.blocks, "Result": lambda s: s.result, "Duration": lambda s: s.duration,
        "FailedCount": lambda s: s.count("Failed"), "PassedCount": lambda s: s.count("Passed"),
        "SkippedCount": lambda s: s.count("Skipped"), "InconclusiveCount": lambda s: s.count("Inconclusive"),
        "NotRunCount": lambda s: s.count("NotRun"), "TotalCount": lambda s: len(s.all_tests()),
        "ErrorRecord": lambda s: [f.record for f in s.failures], "Passed": lambda s: s.passed,
        "OwnPassed": lambda s: not s.failures, "Skip": lambda s: False, "ShouldRun": lambda s: True,
        "Executed": lambda s: s.executed, "ExecutedAt": lambda s: s.executed_at,
        "DiscoveryDuration": lambda s: s.discovery_duration, "UserDuration": lambda s: s.user_duration,
        "FrameworkDuration": lambda s: s.framework_duration, "StandardOutput": lambda s: None,
    }


class Run(PesterObject):
    """What Invoke-Pester -PassThru returns."""

    type_names = ["Pester.Run", "System.Object"]

    def __init__(self):
        self.containers: list[Container] = []
        self.result = "NotRun"
        self.executed = False
        self.executed_at: Optional[datetime.datetime] = None
        self.duration = ZERO
        self.discovery_duration = ZERO
        self.user_duration = ZERO
        self.framework_duration = ZERO
        self.configuration: Any = None
        self.bound_parameters: Any = None
        self.version = "5.7.1"
        self.ps_version = "7.4.0"

    def tests(self) -> list[Test]:
        out: list[Test] = []
        for c in self.containers:
            out.extend(c.all_tests())
        return out

    def with_result(self, result: str) -> list[Test]:
        return [t for t in self.tests() if t.result == result]

    def failed_blocks(self) -> list[Block]:
        out = []
        for c in self.containers:
            for b in [c.root] + c.root.all_blocks():
                if b.failures:
                    out.append(b)
        return out

    def failed_containers(self) -> list[Container]:
        return [c for c in self.containers if c.failures]

    @property
    def failed_count(self) -> int:
        return len(self.with_result("Failed"))

    @property
    def total_failed(self) -> int:
        return self.failed_count + len(self.failed_blocks()) + len(self.failed_containers())

    def __str__(self):
        return f"{RESULT_MARKS.get(self.result, '[ERR]')} Pester"

    _ps = {
        "Containers": lambda s: list(s.containers), "Result": lambda s: s.result,
        "FailedCount": lambda s: s.failed_count, "FailedBlocksCount": lambda s: len(s.failed_blocks()),
        "FailedContainersCount": lambda s: len(s.failed_containers()),
        "PassedCount": lambda s: len(s.with_result("Passed")), "SkippedCount": lambda s: len(s.with_result("Skipped")),
        "InconclusiveCount": lambda s: len(s.with_result("Inconclusive")),
        "NotRunCount": lambda s: len(s.with_result("NotRun")), "TotalCount": lambda s: len(s.tests()),
        "Duration": lambda s: s.duration, "Executed": lambda s: s.executed, "ExecutedAt": lambda s: s.executed_at,
        "Version": lambda s: s.version, "PSVersion": lambda s: s.ps_version,
        "PSBoundParameters": lambda s: s.bound_parameters, "Plugins": lambda s: None,
        "PluginConfiguration": lambda s: None, "PluginData": lambda s: None,
        "Configuration": lambda s: s.configuration, "DiscoveryDuration": lambda s: s.discovery_duration,
        "UserDuration": lambda s: s.user_duration, "FrameworkDuration": lambda s: s.framework_duration,
        "Failed": lambda s: s.with_result("Failed"), "FailedBlocks": lambda s: s.failed_blocks(),
        "FailedContainers": lambda s: s.failed_containers(), "Passed": lambda s: s.with_result("Passed"),
        "Skipped": lambda s: s.with_result("Skipped"), "Inconclusive": lambda s: s.with_result("Inconclusive"),
        "NotRun": lambda s: s.with_result("NotRun"), "Tests": lambda s: s.tests(), "CodeCoverage": lambda s: None,
    }

