"""Cmdlets: one class each, declared with parameter metadata that the binder, Get-Command, Get-Help and
tab completion all read (PowerShell's [Parameter()] attributes, as data).

    @cmdlet("Get-Job", aliases=("gjb",), default_set="SessionIdParameterSet")
    class GetJob(Cmdlet):
        id = Parameter("int[]", position=0, sets=("SessionIdParameterSet",))
        def end_processing(self): ...

A Python attribute `include_child_job` is the PowerShell parameter `IncludeChildJob` unless `name=` says
otherwise. Instances are per invocation; nothing mutable is kept on the class (thread jobs run the same
cmdlets at the same time).
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Iterable, Optional

from pslark.runtime.errors import ErrorRecord, InvocationInfo, PSException, RuntimeException

ALL_SETS = "__AllParameterSets"


def pascal(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


class Parameter:
    """Metadata of one parameter. `type` is a type name as PowerShell writes it ('string[]', 'int', 'switch',
    'scriptblock', 'object', 'psobject', 'hashtable', 'datetime', 'Job[]' ...)."""

    def __init__(self, type: str = "object", *, name: Optional[str] = None, position: Optional[int] = None,
                 mandatory: bool = False, pipeline: bool = False, by_property_name: bool = False,
                 remaining: bool = False, aliases: Iterable[str] = (), sets: Optional[Iterable[str]] = None,
                 validate_set: Optional[Iterable[str]] = None, validate_range: Optional[tuple] = None,
                 validate_not_null: bool = False, validate_not_null_or_empty: bool = False,
                 validate_count: Optional[tuple] = None, default: Any = None, help: str = "",
                 allow_null: bool = False, allow_empty_string: bool = False, allow_empty_collection: bool = False,
                 dont_show: bool = False, per_set: Optional[dict] = None,
                 validate_script: Optional[Callable] = None):
        self.type = type
        self.name = name                      # filled by the decorator when None
        self.attr = ""                        # the Python attribute name
        self.position = position
        self.mandatory = mandatory
        self.pipeline = pipeline
        self.by_property_name = by_property_name
        self.remaining = remaining            # ValueFromRemainingArguments
        self.aliases = tuple(aliases)
        self.sets = tuple(sets) if sets else (ALL_SETS,)
        self.per_set = per_set or {}          # set name -> {'position':..., 'mandatory':..., 'pipeline':...}
        self.validate_set = tuple(validate_set) if validate_set else None
        self.validate_range = validate_range
        self.validate_not_null = validate_not_null
        self.validate_not_null_or_empty = validate_not_null_or_empty
        self.validate_count = validate_count
        self.validate_script = validate_script
        self.default = default
        self.help = help
        # [AllowNull()], [AllowEmptyString()], [AllowEmptyCollection()]: what a mandatory parameter accepts
        self.allow_null = allow_null
        self.allow_empty_string = allow_empty_string
        self.allow_empty_collection = allow_empty_collection
        self.dont_show = dont_show
        self.type_constraint = None           # a resolved PSType for script parameters (set by the binder's builder)

    @property
    def is_switch(self) -> bool:
        return self.type.casefold() in ("switch", "switchparameter", "system.management.automation.switchparameter")

    def in_set(self, set_name: str) -> bool:
        return ALL_SETS in self.sets or set_name in self.sets

    def position_in(self, set_name: str) -> Optional[int]:
        return self.per_set.get(set_name, {}).get("position", self.position)

    def mandatory_in(self, set_name: str) -> bool:
        return self.per_set.get(set_name, {}).get("mandatory", self.mandatory)

    @property
    def mandatory_somewhere(self) -> bool:
        """IsMandatoryInSomeParameterSet: such a parameter refuses $null, '' and empty arrays unless allowed."""
        return self.mandatory or any(info.get("mandatory") for info in self.per_set.values())

    def pipeline_in(self, set_name: str) -> bool:
        return self.per_set.get(set_name, {}).get("pipeline", self.pipeline)

    def by_property_name_in(self, set_name: str) -> bool:
        return self.per_set.get(set_name, {}).get("by_property_name", self.by_property_name)

    def __repr__(self):
        return f"Parameter({self.name!r}, {self.type!r})"


COMMON_PARAMETERS = (
    Parameter("switch", name="Verbose", aliases=("vb",)),
    Parameter("switch", name="Debug", aliases=("db",)),
    Parameter("ActionPreference", name="ErrorAction", aliases=("ea",)),
    Parameter("ActionPreference", name="WarningAction", aliases=("wa",)),
    Parameter("ActionPreference", name="InformationAction", aliases=("infa",)),
    Parameter("ActionPreference", name="ProgressAction", aliases=("proga",)),
    Parameter("string", name="ErrorVariable", aliases=("ev",)),
    Parameter("string", name="WarningVariable", aliases=("wv",)),
    Parameter("string", name="InformationVariable", aliases=("iv",)),
    Parameter("string", name="OutVariable", aliases=("ov",)),
    Parameter("int", name="OutBuffer", aliases=("ob",)),
    Parameter("string", name="PipelineVariable", aliases=("pv",)),
)
SHOULD_PROCESS_PARAMETERS = (
    Parameter("switch", name="WhatIf", aliases=("wi",)),
    Parameter("switch", name="Confirm", aliases=("cf",)),
)
COMMON_NAMES = frozenset(p.name.casefold() for p in COMMON_PARAMETERS + SHOULD_PROCESS_PARAMETERS)
ACTION_PREFERENCES = ("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break")


class CommandMetadata:
    """Everything the binder needs about a command's parameters (cmdlets and advanced functions alike)."""

    def __init__(self, name: str, parameters: list[Parameter], default_set: Optional[str] = None,
                 common: bool = True, should_process: bool = False, positional_binding: bool = True):
        self.name = name
        self.own_parameters = parameters
        self.common = common
        self.should_process = should_process
        all_params = list(parameters)
        if common:
            all_params += list(COMMON_PARAMETERS)
        if should_process:
            all_params += list(SHOULD_PROCESS_PARAMETERS)
        self.parameters = all_params
        self.by_name: dict[str, Parameter] = {}
        for p in all_params:
            self.by_name[p.name.casefold()] = p
        self.aliases: dict[str, Parameter] = {}
        for p in all_params:
            for a in p.aliases:
                self.aliases[a.casefold()] = p
        sets: list[str] = []
        for p in parameters:
            for s in p.sets:
                if s != ALL_SETS and s not in sets:
                    sets.append(s)
        self.sets = sets or [ALL_SETS]
        self.default_set = default_set or (sets[0] if sets else ALL_SETS)
        self.positional_binding = positional_binding

    def find(self, name: str) -> list[Parameter]:
        """Parameters matching a name written on the command line: exact name or alias, else unique prefix."""
        key = name.casefold()
        p = self.by_name.get(key) or self.aliases.get(key)
        if p is not None:
            return [p]
        matches = [p for p in self.parameters if p.name.casefold().startswith(key)]
        if len(matches) > 1:
            # prefer non-common parameters if that makes it unique
            own = [p for p in matches if p.name.casefold() not in COMMON_NAMES]
            if len(own) == 1:
                return own
        if not matches:
            matches = list({id(p): p for a, p in self.aliases.items() if a.startswith(key)}.values())
        return matches


# CmdletInfo.Version as pwsh 7.4.0 reports it: the Core snap-in carries the engine's assembly version (a GA build
# is x.y.z.500, PowerShell.Common.props), the shipped module manifests say 7.0.0.0, ThreadJob is the 2.0.3 package
MODULE_VERSIONS = {"microsoft.powershell.core": "7.4.0.500", "threadjob": "2.0.3"}
DEFAULT_MODULE_VERSION = "7.0.0.0"


def module_version(module: str):
    """The System.Version of a built-in cmdlet's module (its text when the type layer has no Version)."""
    text = MODULE_VERSIONS.get(module.casefold(), DEFAULT_MODULE_VERSION)
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type("System.Version")
        return t.convert(text) if t is not None else text
    except Exception:
        return text


class CmdletInfo:
    """What Get-Command returns for a cmdlet (and what the command table holds)."""

    command_type = "Cmdlet"
    type_names = ["System.Management.Automation.CmdletInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("Verb", "Noun", "CommandType", "Name", "Version", "Source")

    def __init__(self, name: str, klass: type, aliases: tuple, module: str):
        self.name = name
        self.klass = klass
        self.aliases = aliases
        self.module = module

    @property
    def metadata(self) -> CommandMetadata:
        return self.klass.metadata()

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "commandtype":
            return "Cmdlet"
        if key == "name":
            return self.name
        if key in ("verb", "noun"):
            # a cmdlet's name is Verb-Noun
            verb, _, noun = self.name.partition("-")
            return verb if key == "verb" else noun
        if key == "version":
            return module_version(self.module)
        if key in ("source", "modulename"):
            return self.module
        if key == "parameters":
            from pslark.runtime.objects import Hashtable
            return Hashtable((p.name, p.type) for p in self.metadata.parameters)
        if key == "parametersets":
            return list(self.metadata.sets)
        if key == "definition":
            return self.name
        if key == "implementingtype":
            return self.klass.__name__
        raise AttributeError(name)

    def __str__(self):
        return self.name


_LAZY_IMPORT_LOCK = threading.RLock()


class LazyCmdletInfo(CmdletInfo):
    """A cmdlet known from the manifest whose module is imported on first real use (see runtime/cmdlets)."""

    def __init__(self, name: str, python_module: str, aliases: tuple, module: str):
        self.name = name
        self.python_module = python_module
        self.aliases = aliases
        self.module = module

    @property
    def klass(self) -> type:
        import importlib
        # one import at a time: thread jobs and -Parallel blocks load cmdlets too, and two threads importing
        # modules that import each other can otherwise see a half-initialised module
        with _LAZY_IMPORT_LOCK:
            importlib.import_module(self.python_module)
        real = CMDLETS.get(self.name.casefold())
        if real is None or isinstance(real, LazyCmdletInfo):
            raise ImportError(f"cmdlet {self.name} is not defined by {self.python_module}")
        return real.klass


CMDLETS: dict[str, CmdletInfo] = {}
DEFAULT_ALIASES: dict[str, str] = {}


def cmdlet(name: str, *, aliases: Iterable[str] = (), default_set: Optional[str] = None,
           should_process: bool = False, confirm_impact: str = "Medium", module: str = "Microsoft.PowerShell.Utility"):
    """Register a Cmdlet subclass under its PowerShell name (and its default aliases). A `should_process` cmdlet
    (SupportsShouldProcess) declares its changes in `operations` and asks `self.should_process(...)` before each."""

    def register(klass):
        klass.cmdlet_name = name
        klass.default_set = default_set
        klass.supports_should_process = should_process
        klass.confirm_impact = confirm_impact
        klass._metadata = None
        info = CmdletInfo(name, klass, tuple(aliases), module)
        CMDLETS[name.casefold()] = info
        for a in aliases:
            DEFAULT_ALIASES[a.casefold()] = name
        return klass

    return register


class Cmdlet:
    """Base of all cmdlets. Override begin_processing / process_record / end_processing / stop_processing."""

    cmdlet_name = ""
    default_set: Optional[str] = None
    supports_should_process = False
    confirm_impact = "Medium"
    # the state changes a should_process cmdlet makes: key -> shouldprocess.Operation (pwsh's action and target texts)
    operations: dict = {}
    _metadata: Optional[CommandMetadata] = None

    @classmethod
    def metadata(cls) -> CommandMetadata:
        md = cls.__dict__.get("_metadata")
        if md is None:
            params = []
            for klass in reversed(cls.__mro__):
                for attr, value in klass.__dict__.items():
                    if isinstance(value, Parameter):
                        if value.name is None:
                            value.name = pascal(attr)
                        value.attr = attr
                        params = [p for p in params if p.attr != attr] + [value]
            md = CommandMetadata(cls.cmdlet_name, params, cls.default_set, True,
                                 cls.supports_should_process)
            cls._metadata = md
        return md

    def __init__(self, ctx, invocation: Optional[InvocationInfo] = None):
        self.ctx = ctx                          # the ExecutionContext of the runspace running this pipeline
        self.invocation = invocation or InvocationInfo(self.cmdlet_name)
        self.bound: dict[str, Any] = {}         # PowerShell name -> value ($PSBoundParameters)
        self.parameter_set = ALL_SETS
        self.emit: Callable[[Any], None] = _discard     # set by the pipeline: the downstream sink
        self.streams = None                     # set by the pipeline: error/warning/... sinks
        self.error_action: Optional[str] = None
        self.warning_action: Optional[str] = None
        self.information_action: Optional[str] = None
        self.verbose: Optional[bool] = None
        self.debug: Optional[bool] = None
        self.had_errors = False
        self.expecting_input = False            # is a pipeline feeding this command?
        for p in type(self).metadata().own_parameters:
            setattr(self, p.attr, False if p.is_switch else p.default)

    # ---- what subclasses override
    def begin_processing(self) -> None:
        pass

    def process_record(self) -> None:
        pass

    def end_processing(self) -> None:
        pass

    def stop_processing(self) -> None:
        """Called from another thread when the pipeline is stopped (Ctrl+C, Stop-Job)."""

    # ---- helpers
    def should_process(self, operation, *values: Any) -> bool:
        """Cmdlet.ShouldProcess before one change: `operation` is a key of `operations` (or an Operation), `values`
        fill its target. False under -WhatIf, or when the user declines at the -Confirm prompt."""
        from pslark.runtime.shouldprocess import cmdlet_should_process
        op = self.operations[operation] if isinstance(operation, str) else operation
        return cmdlet_should_process(self, op, values)

    def is_bound(self, name: str) -> bool:
        return name.casefold() in {k.casefold() for k in self.bound}

    def write_object(self, obj: Any, enumerate_collection: bool = False) -> None:
        if enumerate_collection:
            from pslark.runtime.objects import enumerate_value
            for item in enumerate_value(obj):
                self.emit(item)
        else:
            self.emit(obj)

    def error_record(self, message: str, error_id: str, category: str = "NotSpecified", target: Any = None,
                     exception: Optional[PSException] = None) -> ErrorRecord:
        exc = exception or RuntimeException(message)
        return ErrorRecord(exc, f"{error_id},{self.fq_suffix()}", category, target, self.invocation)

    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def write_error(self, record_or_message, error_id: str = "", category: str = "NotSpecified",
                    target: Any = None, exception: Optional[PSException] = None) -> None:
        if isinstance(record_or_message, ErrorRecord):
            record = record_or_message
            if record.invocation_info is None:
                record.invocation_info = self.invocation
        else:
            record = self.error_record(str(record_or_message), error_id or "Error", category, target, exception)
        self.had_errors = True
        self.streams.write_error(record, self.error_action)

    def throw_terminating(self, record_or_message, error_id: str = "", category: str = "NotSpecified",
                          target: Any = None, exception: Optional[PSException] = None):
        if isinstance(record_or_message, ErrorRecord):
            record = record_or_message
        else:
            record = self.error_record(str(record_or_message), error_id or "Error", category, target, exception)
        if record.invocation_info is None:
            record.invocation_info = self.invocation
        exc = record.exception
        exc.error_record = record
        raise exc

    def write_warning(self, message: str) -> None:
        self.streams.write_warning(str(message), self.warning_action)

    def write_verbose(self, message: str) -> None:
        self.streams.write_verbose(str(message), self.verbose)

    def write_debug(self, message: str) -> None:
        self.streams.write_debug(str(message), self.debug)

    def write_information(self, record, tags=()) -> None:
        self.streams.write_information(record, self.information_action, tags)

    def write_progress(self, record) -> None:
        self.streams.write_progress(record)

    def replay_record(self, kind: str, record: Any) -> None:
        """Write one record of a job's or remote command's stream into this command's matching stream."""
        if kind == "output":
            self.write_object(record)
        elif kind == "error":
            self.replay_error(record)
        elif kind in ("warning", "verbose", "debug"):
            getattr(self, "write_" + kind)(record.message)
        elif kind == "progress":
            self.write_progress(record)
        else:
            self.write_information(record)

    def replay_error(self, record: ErrorRecord) -> None:
        self.write_error(record)

    def check_stop(self) -> None:
        self.ctx.check_stop()


def _discard(_obj):
    return None
