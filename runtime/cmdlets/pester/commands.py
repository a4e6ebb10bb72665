"""Pester's commands as cmdlets: Describe, Context, It, the setup/teardown blocks, Should, Set-ItResult,
Mock, Should -Invoke / Assert-MockCalled, InModuleScope, New-PesterConfiguration, New-PesterContainer
and Invoke-Pester. The runner (runner.py) holds the logic; these bind parameters and hand over."""
from __future__ import annotations

import os
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.pester import state
from pslark.runtime.cmdlets.pester.assertions import OPERATORS, Operator, find_operator
from pslark.runtime.errors import (
    ErrorRecord, ExitSignal, ParameterBindingException, PSException, RuntimeException,
)
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSObject
from pslark.runtime.scriptblock import ScriptBlock

MODULE = "Pester"


def _items(value: Any) -> list:
    """`@($ForEach)`: the items of a -ForEach / -TestCases argument."""
    if value is None or value is AUTOMATION_NULL:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    enum = getattr(value, "ps_enumerate", None)
    if enum is not None and not isinstance(value, (Hashtable, PSObject)):
        return list(enum())
    return [value]


def _strings(value: Any) -> list[str]:
    from pslark.runtime.conversion import to_string
    return [to_string(v) for v in _items(value)]


def _line_of(cmd: Cmdlet) -> int:
    return cmd.invocation.script_line_number


def _empty_for_each(cmd: Cmdlet) -> None:
    """Run.FailOnNullOrEmptyForEach (on by default since Pester 5.4): an empty -ForEach is an error."""
    if not cmd.allow_null_or_empty_for_each:
        from pslark.runtime.errors import ArgumentException
        raise ArgumentException("Value can not be null or empty array. If this is expected, use "
                                "-AllowNullOrEmptyForEach (Parameter 'ForEach')")


def _not_in_run(name: str) -> RuntimeException:
    return RuntimeException(f"{name} can only be used inside a Pester run: put it in a Describe block and run the file "
                            f"(or use Invoke-Pester).", error_id="PesterNotRunning", category="InvalidOperation")


# ----------------------------------------------------------------------------------------------
# blocks

class _BlockCommand(Cmdlet):
    kind = "Describe"
    name = Parameter("string", position=0, mandatory=True)
    tag = Parameter("string[]", aliases=("Tags",))
    fixture = Parameter("scriptblock", position=1)
    skip = Parameter("switch")
    allow_null_or_empty_for_each = Parameter("switch")
    for_each = Parameter("object", name="ForEach")

    def fq_suffix(self) -> str:
        return self.kind

    def end_processing(self):
        if self.fixture is None:
            if "\n" in (self.name or ""):
                raise RuntimeException("Test fixture name has multiple lines and no test fixture is provided. (Have "
                                       "you provided a name for the test group?)")
            raise RuntimeException("No test fixture is provided. (Have you put the open curly brace on the next line?)")
        run = state.current_run(self.ctx)
        if run is None:
            self._interactive()
            return
        if run.phase != "discovery":
            raise RuntimeException(f"{self.kind} cannot be used while tests run (inside It, BeforeAll or another "
                                   f"setup block).", error_id="PesterDescribeInRun", category="InvalidOperation")
        items = None
        if self.is_bound("ForEach"):
            items = _items(self.for_each)
            if not items:
                _empty_for_each(self)
                return
        run.define_block(self.kind, self.name, self.fixture, _strings(self.tag), bool(self.skip), items,
                         _line_of(self))

    def _interactive(self):
        """A test file run directly (`pslark x.Tests.ps1`): Invoke-Pester runs the whole file, then it exits."""
        from pslark.runtime.cmdlets.pester.runner import Config, PesterRun
        from pslark.runtime.cmdlets.pester.model import Container
        path = self.invocation.script_name
        config = Config()
        if path and os.path.isabs(path) and os.path.isfile(path):
            container = Container("File", path, path)
            run = PesterRun(self.ctx, config)
            result = run.execute([container])
            failed = result.total_failed
            self.ctx.session.set_variable("global:LASTEXITCODE", failed)
            raise ExitSignal(failed)
        # typed at a prompt or given with -Command: run this block alone, as a script-block container
        container = Container("ScriptBlock", self.fixture)
        kind, name, fixture, tags, skip = self.kind, self.name, self.fixture, _strings(self.tag), bool(self.skip)
        items = _items(self.for_each) if self.is_bound("ForEach") else None
        line = _line_of(self)

        def define(run):
            run.define_block(kind, name, fixture, tags, skip, items, line)
        container.define = define
        run = PesterRun(self.ctx, config)
        result = run.execute([container])
        self.ctx.last_command_failed = False
        self.ctx.session.set_variable("global:LASTEXITCODE", result.total_failed)


@cmdlet("Describe", module=MODULE)
class Describe(_BlockCommand):
    kind = "Describe"


@cmdlet("Context", module=MODULE)
class Context(_BlockCommand):
    kind = "Context"


@cmdlet("It", module=MODULE)
class It(Cmdlet):
    name = Parameter("string", position=0, mandatory=True)
    test = Parameter("scriptblock", position=1)
    for_each = Parameter("object[]", name="ForEach", aliases=("TestCases",))
    tag = Parameter("string[]", aliases=("Tags",))
    pending = Parameter("switch")
    skip = Parameter("switch")
    allow_null_or_empty_for_each = Parameter("switch")

    def fq_suffix(self) -> str:
        return "It"

    def end_processing(self):
        if self.test is None:
            if "\n" in (self.name or ""):
                raise RuntimeException("Test name has multiple lines and no test scriptblock is provided. Did you "
                                       "provide the test name?")
            raise RuntimeException("No test scriptblock is provided. Did you put the opening curly brace on the next "
                                   "line?")
        run = state.current_run(self.ctx)
        if run is None:
            raise _not_in_run("It")
        if run.phase != "discovery":
            raise RuntimeException("It cannot be used while tests run (inside another It or a setup block).",
                                   error_id="PesterItInRun", category="InvalidOperation")
        items = None
        if self.is_bound("ForEach"):
            items = _items(self.for_each)
            if not items:
                _empty_for_each(self)
                return
        run.define_test(self.name, self.test, _strings(self.tag), bool(self.skip or self.pending), items,
                        _line_of(self))


class _HookCommand(Cmdlet):
    hook = "before_all"
    script_block = Parameter("scriptblock", name="Scriptblock", position=0, mandatory=True)

    def end_processing(self):
        run = state.current_run(self.ctx)
        if run is None:
            return      # outside a run (a file run directly) the whole file is re-run by Invoke-Pester
        if run.phase != "discovery":
            name = type(self).cmdlet_name
            raise RuntimeException(f"{name} cannot be used while tests run; put it directly in a Describe or "
                                   f"Context block.", error_id="PesterSetupInRun", category="InvalidOperation")
        getattr(run.current_owner_block(), self.hook).append(self.script_block)


@cmdlet("BeforeAll", module=MODULE)
class BeforeAll(_HookCommand):
    hook = "before_all"


@cmdlet("AfterAll", module=MODULE)
class AfterAll(_HookCommand):
    hook = "after_all"


@cmdlet("BeforeEach", module=MODULE)
class BeforeEach(_HookCommand):
    hook = "before_each"


@cmdlet("AfterEach", module=MODULE)
class AfterEach(_HookCommand):
    hook = "after_each"


@cmdlet("BeforeDiscovery", module=MODULE)
class BeforeDiscovery(Cmdlet):
    script_block = Parameter("scriptblock", name="ScriptBlock", position=0, mandatory=True)

    def end_processing(self):
        # runs in place, in the caller's scope (dot-sourced), during discovery
        for item in self.script_block.invoke_with([], None, new_scope=False):
            self.write_object(item)


# ----------------------------------------------------------------------------------------------
# Should

def _should_attributes() -> dict:
    attrs: dict = {
        "actual_value": Parameter("object", name="ActualValue", pipeline=True),
        "negate": Parameter("switch", name="Not"),
        "expected_value": Parameter("object", name="ExpectedValue", aliases=("Expected",)),
        "because": Parameter("object", name="Because"),
        "regular_expression": Parameter("object", name="RegularExpression"),
        "expected_type": Parameter("object", name="ExpectedType"),
        "expected_message": Parameter("object", name="ExpectedMessage"),
        "error_id": Parameter("object", name="ErrorId"),
        "exception_type": Parameter("object", name="ExceptionType"),
        "expected_content": Parameter("object", name="ExpectedContent"),
        "command_name": Parameter("object", name="CommandName"),
        "times": Parameter("object", name="Times"),
        "parameter_filter": Parameter("scriptblock", name="ParameterFilter"),
        "exclusive_filter": Parameter("scriptblock", name="ExclusiveFilter"),
        "module_name": Parameter("object", name="ModuleName"),
        "scope": Parameter("object", name="Scope"),
        "pass_thru": Parameter("switch", name="PassThru"),
        "literal_path": Parameter("switch", name="LiteralPath"),
        "exactly": Parameter("switch", name="Exactly"),
        "should_arguments": Parameter("object[]", name="ShouldArguments", remaining=True, dont_show=True),
    }
    for op in OPERATORS.values():
        attrs["op_" + op.name.casefold()] = Parameter("switch", name=op.name, aliases=op.aliases)
    return attrs


class ShouldBase(Cmdlet):
    def fq_suffix(self) -> str:
        return "Should"

    def begin_processing(self):
        self.inputs: list = []
        self.got_input = False

    def process_record(self):
        if self.expecting_input:
            value = self.actual_value
            self.inputs.append(None if value is AUTOMATION_NULL else value)
            self.got_input = True
        elif self.is_bound("ActualValue"):
            self.inputs.append(self.actual_value)
            self.got_input = True

    # which operator, with which arguments
    def _resolve(self) -> tuple[Optional[Operator], bool, dict, bool]:
        chosen: list[Operator] = []
        for op in OPERATORS.values():
            if self.is_bound(op.name):
                chosen.append(op)
        negate = bool(self.negate)
        positional = list(self.should_arguments or [])
        if len(chosen) > 1:
            raise ParameterBindingException(
                "Parameter set cannot be resolved using the specified named parameters. One or more parameters "
                "issued cannot be used together or an insufficient number of parameters were provided.",
                error_id="AmbiguousParameterSet,Should", category="InvalidArgument")
        if chosen:
            op = chosen[0]
        else:
            if not positional:
                return None, negate, {}, False      # Pester 5: `$x | Should` alone asserts nothing
            first = positional[0]
            op = self._legacy(positional)
            if op is None:
                from pslark.runtime.conversion import to_string
                word = positional[1] if isinstance(first, str) and first.casefold() == "not" and \
                    len(positional) > 1 else first
                raise RuntimeException(f"'{to_string(word)}' is not a valid Should operator.",
                                       error_id="ShouldOperatorNotFound", category="InvalidArgument")
            negate = negate or self._legacy_not
        params: dict = {}
        for name in ("ExpectedValue", "Because", "RegularExpression", "ExpectedType", "ExpectedMessage", "ErrorId",
                     "ExceptionType", "ExpectedContent", "CommandName", "Times", "ParameterFilter",
                     "ExclusiveFilter", "ModuleName", "Scope", "PassThru", "LiteralPath", "Exactly"):
            if self.is_bound(name):
                params[name] = self.bound_value(name)
        times_bound = "Times" in params
        slots = [p for p in op.params if p not in params and p not in op.switches]
        for value in positional:
            if not slots:
                from pslark.runtime.conversion import to_string
                raise ParameterBindingException(
                    f"A positional parameter cannot be found that accepts argument '{to_string(value)}'.",
                    error_id="PositionalParameterNotFound,Should", category="InvalidArgument")
            name = slots.pop(0)
            params[name] = value
            if name == "Times":
                times_bound = True
        params["_times_bound"] = times_bound
        return op, negate, params, times_bound

    _legacy_not = False

    def _legacy(self, positional: list) -> Optional[Operator]:
        """Pester 4's `Should Be 5` / `Should Not Be 5`: the operator as a bare word."""
        if not positional or not isinstance(positional[0], str):
            return None
        words = positional
        if words[0].casefold() == "not" and len(words) > 1 and isinstance(words[1], str):
            op = find_operator(words[1])
            if op is not None:
                self._legacy_not = True
                del positional[:2]
                return op
            return None
        op = find_operator(words[0])
        if op is not None:
            del positional[:1]
        return op

    def bound_value(self, name: str) -> Any:
        for key, value in self.bound.items():
            if key.casefold() == name.casefold():
                return value
        return None

    def end_processing(self):
        op, negate, params, _ = self._resolve()
        if op is None:
            return
        because = params.pop("Because", None)
        if not self.got_input:
            values = [None]
        elif op.array_input:
            values = [list(self.inputs)]
        else:
            values = list(self.inputs)
        for value in values:
            try:
                succeeded, message, data = op.fn(self.ctx, value, negate, because, **params)
            except PSException:
                raise
            if not succeeded:
                self._failed(message)
            elif data is not None:
                self.write_object(data)

    def _failed(self, message: str):
        invocation = self.invocation
        line_text = invocation.line.rstrip("\r\n") if invocation.extent is not None else ""
        target = Hashtable([("Message", message), ("File", invocation.script_name),
                            ("Line", str(invocation.script_line_number)), ("LineText", line_text),
                            ("Terminating", True)])
        exc = PSException(message)
        record = ErrorRecord(exc, "PesterAssertionFailed", "InvalidResult", target, invocation)
        exc.error_record = record
        action = self.error_action
        run = state.current_run(self.ctx)
        if action is None and run is not None and run.current_test is not None:
            action = run.config.should_error_action
        if action is not None and str(action).casefold() not in ("stop",) and run is not None:
            target["Terminating"] = False
            if run.add_soft_failure(exc):
                return
        raise exc


Should = cmdlet("Should", module=MODULE)(type("Should", (ShouldBase,), _should_attributes()))


@cmdlet("Set-ItResult", module=MODULE)
class SetItResult(Cmdlet):
    inconclusive = Parameter("switch")
    pending = Parameter("switch")
    skipped = Parameter("switch")
    because = Parameter("string")

    def end_processing(self):
        from pslark.runtime.cmdlets.pester.nicely import format_because
        if self.inconclusive:
            error_id, message = "PesterTestInconclusive", "is inconclusive"
        elif self.pending:
            error_id, message = "PesterTestPending", "is pending"
        else:
            error_id, message = "PesterTestSkipped", "is skipped"
        if self.because:
            formatted = format_because(self.because)
            message += "," + formatted[:-1]
        invocation = self.invocation
        target = Hashtable([("Message", message), ("File", invocation.script_name),
                            ("Line", str(invocation.script_line_number)),
                            ("LineText", invocation.line.strip() if invocation.extent is not None else ""),
                            ("Terminating", False)])
        exc = PSException(message)
        record = ErrorRecord(exc, error_id, "InvalidResult", target, invocation)
        exc.error_record = record
        raise exc


# ----------------------------------------------------------------------------------------------
# mocks

def _owner(run):
    return run.current_test if run.current_test is not None else run.current_owner_block()


@cmdlet("Mock", module=MODULE)
class Mock(Cmdlet):
    command_name = Parameter("string", position=0, mandatory=True)
    mock_with = Parameter("scriptblock", position=1)
    verifiable = Parameter("switch")
    parameter_filter = Parameter("scriptblock")
    module_name = Parameter("string")
    remove_parameter_type = Parameter("string[]")
    remove_parameter_validation = Parameter("string[]")

    def end_processing(self):
        run = state.current_run(self.ctx)
        if run is None:
            raise _not_in_run("Mock")
        body = self.mock_with
        if body is None:
            body = self.ctx.engine.script_block_from_text("")
        run.mocks.add_mock(self.ctx, self.command_name, body, self.parameter_filter, bool(self.verifiable),
                           _owner(run), self.module_name or "")


class _AssertCommand(Cmdlet):
    def fail(self, message: str):
        invocation = self.invocation
        target = Hashtable([("Message", message), ("File", invocation.script_name),
                            ("Line", str(invocation.script_line_number)),
                            ("LineText", invocation.line.rstrip("\r\n") if invocation.extent is not None else ""),
                            ("Terminating", True)])
        exc = PSException(message)
        exc.error_record = ErrorRecord(exc, "PesterAssertionFailed", "InvalidResult", target, invocation)
        raise exc


@cmdlet("Assert-MockCalled", module=MODULE)
class AssertMockCalled(_AssertCommand):
    command_name = Parameter("string", position=0, mandatory=True)
    times = Parameter("int", position=1, default=1)
    parameter_filter = Parameter("scriptblock", position=2)
    exclusive_filter = Parameter("scriptblock")
    module_name = Parameter("string")
    scope = Parameter("string")
    exactly = Parameter("switch")

    def end_processing(self):
        from pslark.runtime.cmdlets.pester.mocks import assert_invoked
        ok, message, _ = assert_invoked(self.ctx, self.command_name, self.times, self.parameter_filter,
                                        self.exclusive_filter, self.module_name, self.scope, bool(self.exactly),
                                        False, None, times_bound=self.is_bound("Times"))
        if not ok:
            self.fail(message)


@cmdlet("Assert-VerifiableMock", module=MODULE)
class AssertVerifiableMock(_AssertCommand):
    def end_processing(self):
        from pslark.runtime.cmdlets.pester.mocks import assert_verifiable
        ok, message, _ = assert_verifiable(self.ctx, False, None)
        if not ok:
            self.fail(message)


@cmdlet("InModuleScope", module=MODULE)
class InModuleScope(Cmdlet):
    """Runs a block inside a loaded module's scope (its private functions and variables are visible), with
    -Parameters as variables and -ArgumentList as arguments."""

    module_name = Parameter("string", position=0, mandatory=True)
    script_block = Parameter("scriptblock", name="ScriptBlock", position=1, mandatory=True)
    parameters = Parameter("hashtable")
    argument_list = Parameter("object[]")

    def end_processing(self):
        from pslark.runtime.cmdlets.pester.mocks import module_scope_of
        from pslark.runtime.session import Scope
        from pslark.runtime.scriptblock import UNSET
        session = self.ctx.session
        scope = Scope(module_scope_of(self.ctx, self.module_name))
        for key, value in (self.parameters.items() if self.parameters is not None else ()):
            session.new_variable(str(key), value, scope)
        previous = session.current
        session.current = scope
        try:
            out = self.script_block.invoke_with(list(self.argument_list or []), None, UNSET, UNSET, False)
        finally:
            session.current = previous
        for item in out:
            self.write_object(item)


# ----------------------------------------------------------------------------------------------
# configuration and containers

_CONFIG_SCHEMA = {
    "Run": [("Path", ["."], "Directories to be searched for tests, paths directly to test files, or combination of "
                             "both."),
            ("ExcludePath", [], "Directories or files to be excluded from the run."),
            ("ScriptBlock", [], "ScriptBlocks containing tests to be executed."),
            ("Container", [], "ContainerInfo objects containing tests to be executed."),
            ("TestExtension", ".Tests.ps1", "Filter used to identify test files."),
            ("Exit", False, "Exit with non-zero exit code when the test run fails."),
            ("Throw", False, "Throw an exception when test run fails."),
            ("PassThru", False, "Return result object to the pipeline after finishing the test run."),
            ("SkipRun", False, "Runs the discovery phase but skips run.")],
    "Filter": [("Tag", [], "Tags of Describe, Context or It to be run."),
               ("ExcludeTag", [], "Tags of Describe, Context or It to be excluded from the run."),
               ("Line", [], "Filter by file and scriptblock start line."),
               ("ExcludeLine", [], "Exclude by file and scriptblock start line."),
               ("FullName", [], "Full name of test with -like wildcards, joined by dot.")],
    "Should": [("ErrorAction", "Stop", "Controls if Should throws on error. Use 'Stop' to throw on error, or "
                                       "'Continue' to fail at the end of the test.")],
    "Output": [("Verbosity", "Normal", "The verbosity of output, options are None, Normal, Detailed and "
                                       "Diagnostic."),
               ("StackTraceVerbosity", "Filtered", "The verbosity of stacktrace output, options are None, "
                                                   "FirstLine, Filtered and Full."),
               ("CIFormat", "Auto", "The CI format of error output in build logs, options are None, Auto, "
                                    "AzureDevops and GithubActions."),
               ("RenderMode", "Auto", "The mode used to render console output, options are Auto, Ansi, "
                                      "ConsoleColor and Plaintext.")],
    "TestResult": [("Enabled", False, "Enable TestResult."),
                   ("OutputFormat", "NUnitXml", "Format to use for test result report. Possible values: NUnitXml, "
                                                "NUnit2.5, NUnit3 or JUnitXml"),
                   ("OutputPath", "testResults.xml", "Path relative to the current directory where test result "
                                                     "report is saved."),
                   ("OutputEncoding", "UTF8", "Encoding of the output file."),
                   ("TestSuiteName", "Pester", "Set the name assigned to the root 'test-suite' element.")],
    "TestDrive": [("Enabled", True, "Enable TestDrive.")],
    "CodeCoverage": [("Enabled", False, "Enable CodeCoverage.")],
    "Debug": [("ShowFullErrors", False, "Show full errors including Pester internal stack. This property is "
                                        "deprecated, and if set to true it will override Output.StackTraceVerbosity "
                                        "to 'Full'."),
              ("WriteDebugMessages", False, "Write Debug messages to screen.")],
}


class PesterOption:
    """One option of a PesterConfiguration section: Default, Description, IsModified, Value."""

    type_names = ["Pester.Option", "System.Object"]
    ps_properties = ("Default", "Description", "IsModified", "Value")

    def __init__(self, default: Any, description: str):
        self.default = default
        self.description = description
        self.value = default
        self.is_modified = False

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        if key == "default":
            return self.default
        if key == "description":
            return self.description
        if key == "ismodified":
            return self.is_modified
        if key == "value":
            return self.value
        raise AttributeError(name)

    def set(self, value: Any) -> None:
        self.value = value
        self.is_modified = True

    def __str__(self):
        from pslark.runtime.conversion import to_string
        return f"{self.description} ({to_string(self.value)}, default: {to_string(self.default)})"


def _option(default: Any, description: str) -> PesterOption:
    return PesterOption(default, description)


def _section(name: str, values: dict) -> PSObject:
    section = PSObject([], [f"Pester.{name}Configuration", "System.Object"])
    for option_name, default, description in _CONFIG_SCHEMA[name]:
        opt = _option(default, description)

        def setter(obj, value, opt=opt):
            if isinstance(value, PesterOption):
                value = value.value
            opt.set(value)

        section.add_property(option_name, opt, setter=setter, getter=lambda obj, opt=opt: opt)
        if option_name.casefold() in values:
            setter(section, values[option_name.casefold()])
    return section


def new_configuration(table: Optional[Any] = None) -> PSObject:
    given: dict = {}
    if isinstance(table, (Hashtable, OrderedDictionary)):
        for k, v in table.items():
            if isinstance(v, (Hashtable, OrderedDictionary)):
                given[str(k).casefold()] = {str(k2).casefold(): v2 for k2, v2 in v.items()}
    config = PSObject([], ["PesterConfiguration", "System.Object"])
    for name in _CONFIG_SCHEMA:
        config.add_property(name, _section(name, given.get(name.casefold(), {})))
    return config


def config_value(config: Any, section: str, option: str, default: Any = None) -> tuple[Any, bool]:
    """(value, modified) of one option of a PesterConfiguration object or a plain nested hashtable."""
    from pslark.runtime import members
    try:
        sec = members.get_member(config, section) if not isinstance(config, Hashtable) else config.get(section)
    except Exception:       # noqa: BLE001
        return default, False
    if sec is None:
        return default, False
    try:
        opt = sec.get(option) if isinstance(sec, Hashtable) else members.get_member(sec, option)
    except Exception:       # noqa: BLE001
        return default, False
    if isinstance(opt, PesterOption):
        return opt.value, opt.is_modified
    if opt is None:
        return default, False
    return opt, True


@cmdlet("New-PesterConfiguration", module=MODULE)
class NewPesterConfiguration(Cmdlet):
    hashtable = Parameter("hashtable", position=0)

    def end_processing(self):
        self.write_object(new_configuration(self.hashtable))


@cmdlet("New-PesterContainer", module=MODULE, default_set="Path")
class NewPesterContainer(Cmdlet):
    path = Parameter("string[]", position=0, mandatory=True, sets=("Path",))
    script_block = Parameter("scriptblock[]", name="ScriptBlock", mandatory=True, sets=("ScriptBlock",))
    data = Parameter("object")

    def end_processing(self):
        if self.parameter_set == "ScriptBlock":
            for sb in self.script_block or []:
                self.write_object(PSObject([("Type", "ScriptBlock"), ("Item", sb), ("Data", self.data)],
                                           ["Pester.ContainerInfo", "System.Object"]))
            return
        from pslark.runtime.cmdlets.pester.runner import find_test_files
        for p in find_test_files(self.ctx, list(self.path or []), []):
            self.write_object(PSObject([("Type", "File"), ("Item", p), ("Data", self.data)],
                                       ["Pester.ContainerInfo", "System.Object"]))


# ----------------------------------------------------------------------------------------------
# Invoke-Pester

@cmdlet("Invoke-Pester", module=MODULE, default_set="Simple")
class InvokePester(Cmdlet):
    path = Parameter("object[]", position=0, aliases=("Script",), sets=("Simple", "Legacy"))
    exclude_path = Parameter("string[]", sets=("Simple",))
    tag_filter = Parameter("string[]", aliases=("Tag", "Tags"), sets=("Simple", "Legacy"))
    exclude_tag_filter = Parameter("string[]", sets=("Simple", "Legacy"))
    full_name_filter = Parameter("string[]", aliases=("Name",), sets=("Simple", "Legacy"))
    ci = Parameter("switch", name="CI", sets=("Simple",))
    output = Parameter("string", sets=("Simple",),
                       validate_set=("Diagnostic", "Detailed", "Normal", "Minimal", "None"))
    pass_thru = Parameter("switch", sets=("Simple", "Legacy"))
    container = Parameter("object[]", sets=("Simple",))
    configuration = Parameter("object", sets=("Advanced",))
    enable_exit = Parameter("switch", sets=("Legacy",))
    output_file = Parameter("string", sets=("Legacy",))
    output_format = Parameter("string", sets=("Legacy",))
    show = Parameter("string", sets=("Legacy",))
    quiet = Parameter("switch", sets=("Legacy",))
    strict = Parameter("switch", sets=("Legacy",))
    code_coverage = Parameter("object[]", sets=("Legacy",))

    def _config(self):
        from pslark.runtime.cmdlets.pester.runner import Config
        cfg = Config()
        if self.parameter_set == "Advanced" and self.configuration is not None:
            conf = self.configuration
            if isinstance(conf, PSObject) and conf.base is not None:
                conf = conf.base
            if not isinstance(conf, (PSObject, Hashtable)):
                from pslark.runtime.conversion import to_string, type_name_of
                raise ParameterBindingException(
                    f"Cannot process argument transformation on parameter 'Configuration'. Cannot convert the "
                    f"\"{to_string(conf)}\" value of type \"{type_name_of(conf)}\" to type \"PesterConfiguration\".",
                    error_id="ParameterArgumentTransformationError,Invoke-Pester", category="InvalidData")
            for attr, section, option in (
                    ("paths", "Run", "Path"), ("exclude_paths", "Run", "ExcludePath"),
                    ("tags", "Filter", "Tag"), ("exclude_tags", "Filter", "ExcludeTag"),
                    ("full_names", "Filter", "FullName")):
                value, modified = config_value(conf, section, option)
                if value is not None and (modified or attr != "paths"):
                    setattr(cfg, attr, _strings(value))
            for attr, section, option in (
                    ("pass_thru", "Run", "PassThru"), ("exit", "Run", "Exit"), ("throw", "Run", "Throw"),
                    ("skip_run", "Run", "SkipRun"), ("test_result", "TestResult", "Enabled")):
                value, _ = config_value(conf, section, option, False)
                from pslark.runtime.conversion import to_bool
                setattr(cfg, attr, to_bool(value))
            for attr, section, option in (
                    ("verbosity", "Output", "Verbosity"), ("stack_trace", "Output", "StackTraceVerbosity"),
                    ("should_error_action", "Should", "ErrorAction"),
                    ("test_result_path", "TestResult", "OutputPath"),
                    ("test_result_format", "TestResult", "OutputFormat"),
                    ("test_extension", "Run", "TestExtension")):
                value, _ = config_value(conf, section, option)
                if value is not None:
                    from pslark.runtime.conversion import to_string
                    setattr(cfg, attr, to_string(value))
            value, _ = config_value(conf, "Run", "ScriptBlock")
            cfg.script_blocks = [v for v in _items(value) if isinstance(v, ScriptBlock)]
            value, _ = config_value(conf, "Run", "Container")
            self._containers_from(value, cfg)
            show_full, _ = config_value(conf, "Debug", "ShowFullErrors", False)
            if show_full is True:
                cfg.stack_trace = "Full"
            if cfg.script_blocks or getattr(cfg, "container_infos", None):
                modified = config_value(conf, "Run", "Path")[1]
                if not modified:
                    cfg.paths = []
            return cfg
        if self.path is not None:
            if any(isinstance(p, (Hashtable, OrderedDictionary)) for p in _items(self.path)):
                raise RuntimeException("Passing hashtable configuration to -Path / -Script is currently not "
                                       "supported in Pester 5.0. Please provide just paths, as an array of strings.")
            cfg.paths = _strings(self.path)
        if self.exclude_path is not None:
            cfg.exclude_paths = _strings(self.exclude_path)
        if self.tag_filter:
            cfg.tags = _strings(self.tag_filter)
        if self.exclude_tag_filter:
            cfg.exclude_tags = _strings(self.exclude_tag_filter)
        if self.full_name_filter:
            cfg.full_names = _strings(self.full_name_filter)
        if self.ci:
            cfg.exit = True
            cfg.test_result = True
        if self.output:
            cfg.verbosity = _level(self.output)
        cfg.pass_thru = bool(self.pass_thru)
        if self.container is not None:
            self._containers_from(self.container, cfg)
            if not self.is_bound("Path"):
                cfg.paths = []
        if self.parameter_set == "Legacy":
            if self.enable_exit:
                cfg.exit = True
            if self.output_file:
                cfg.test_result = True
                cfg.test_result_path = self.output_file
            if self.output_format:
                cfg.test_result_format = self.output_format
            if self.show:
                cfg.verbosity = {"all": "Detailed", "default": "Detailed", "fails": "Normal", "none": "None",
                                 "diagnostic": "Diagnostic", "detailed": "Detailed", "normal": "Normal",
                                 "minimal": "Minimal"}.get(str(self.show).casefold(), "Detailed")
            if self.quiet:
                cfg.verbosity = "None"
        return cfg

    def _containers_from(self, value: Any, cfg) -> None:
        infos = []
        for item in _items(value):
            if isinstance(item, PSObject) and item.has_property("Type"):
                infos.append((str(item.get_property("Type")), item.get_property("Item"), item.get_property("Data")))
        cfg.container_infos = infos

    def end_processing(self):
        from pslark.runtime.cmdlets.pester.model import Container
        from pslark.runtime.cmdlets.pester.output import THEME, Writer
        from pslark.runtime.cmdlets.pester.runner import PesterRun, find_test_files
        cfg = self._config()
        writer = Writer(self.ctx, cfg.verbosity, cfg.stack_trace)
        containers: list[Container] = []
        try:
            for sb in cfg.script_blocks:
                containers.append(Container("ScriptBlock", sb))
            for kind, item, data in getattr(cfg, "container_infos", []) or []:
                if kind == "ScriptBlock" and isinstance(item, ScriptBlock):
                    containers.append(Container("ScriptBlock", item, data=data))
                elif kind == "File":
                    full = self.ctx.session.resolve_path(str(item))
                    containers.append(Container("File", full, full, data))
            if cfg.paths and (not containers or cfg.paths != ["."]):
                for f in find_test_files(self.ctx, cfg.paths, cfg.exclude_paths, cfg.test_extension):
                    containers.append(Container("File", f, f))
            if not containers:
                raise RuntimeException(
                    f"No test files were found and no scriptblocks were provided. Please ensure that you provided at "
                    f"least one path to a *{cfg.test_extension} file, or a directory that contains such file. Or that "
                    f"you provided a ScriptBlock test container.")
        except PSException as exc:
            if cfg.throw:
                raise
            writer.write(exc.message, THEME["Fail"])
            self.ctx.session.set_variable("global:LASTEXITCODE", -1 if cfg.exit else 0)
            if cfg.exit:
                raise ExitSignal(-1)
            return
        run = PesterRun(self.ctx, cfg, writer)
        result = run.execute(containers)
        # errors inside the tests were handled by the run: they do not make `$?` false after Invoke-Pester
        self.ctx.last_command_failed = False
        result.configuration = self.configuration
        result.bound_parameters = Hashtable(self.bound.items())
        if cfg.test_result:
            self._write_test_results(result, cfg)
        failed = result.total_failed
        self.ctx.session.set_variable("global:LASTEXITCODE", failed)
        if cfg.pass_thru and not (cfg.exit and failed):
            self.write_object(result)
        if cfg.throw and failed:
            raise RuntimeException(f"Pester run failed, because {_failure_summary(result)}")
        if cfg.exit and failed:
            raise ExitSignal(failed)

    def _write_test_results(self, result, cfg) -> None:
        from pslark.runtime.cmdlets.pester.results import write_nunit
        path = self.ctx.session.resolve_path(cfg.test_result_path)
        try:
            write_nunit(result, path)
        except OSError as exc:
            self.write_warning(f"Could not write the test results to '{path}': {exc.strerror or exc}")


def _level(text: str) -> str:
    for level in ("None", "Minimal", "Normal", "Detailed", "Diagnostic"):
        if level.casefold() == str(text).casefold():
            return level
    return "Normal"


def _failure_summary(run) -> str:
    parts = []
    n = run.failed_count
    if n:
        parts.append(f"{n} test{'s' if n > 1 else ''} failed")
    n = len(run.failed_blocks())
    if n:
        parts.append(f"{n} block{'s' if n > 1 else ''} failed")
    n = len(run.failed_containers())
    if n:
        parts.append(f"{n} container{'s' if n > 1 else ''} failed")
    if len(parts) < 2:
        return ", ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
