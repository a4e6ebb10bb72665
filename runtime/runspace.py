"""A runspace: one session state, one host, one job repository, run by one thread at a time.

It is also the execution context the evaluator and cmdlets receive (`ctx`). The interpreter attaches
itself as `engine` (parse / compile / run) after both exist, so runtime never imports interpreter.
"""
from __future__ import annotations

import os
import sys
import threading
from typing import Any, Optional

from pslark.runtime.errors import PipelineStoppedException
from pslark.runtime.guids import new_guid
from pslark.runtime.host import Host, NullHost
from pslark.runtime.objects import Hashtable, PSList
from pslark.runtime.session import SessionState
from pslark.runtime.streams import Streams

PSLARK_VERSION = "0.1.0"
PS_VERSION = "7.4.0"

_DEFAULT_PREFERENCES = {
    "ErrorActionPreference": "Continue",
    "WarningPreference": "Continue",
    "VerbosePreference": "SilentlyContinue",
    "DebugPreference": "SilentlyContinue",
    "InformationPreference": "SilentlyContinue",
    "ProgressPreference": "Continue",
    "ConfirmPreference": "High",
    "WhatIfPreference": False,
}


class Runspace:
    """Session state + host + streams + job repository; the `ctx` of every evaluation."""

    engine: Any = None           # set by the interpreter (class-wide default, see interpreter.engine)

    def __init__(self, host: Optional[Host] = None, location: Optional[str] = None, parent: Optional["Runspace"] = None,
                 name: Optional[str] = None):
        self.session = SessionState(location=location)
        self.host = host or NullHost()
        self.streams = Streams(self)
        self.stop_event = threading.Event()
        self.call_depth = 0
        self.try_depth = 0
        self.trap_depth = 0         # statement lists with a trap being run (a `throw` under SilentlyContinue stops there)
        self.last_command_failed = False
        self.instance_id = new_guid()
        self.id = Runspace._next_id()
        self.name = name or f"Runspace{self.id}"
        self.parent = parent
        self.jobs = None             # the job repository, created on first use (runtime.jobs)
        self.strict_mode = 0         # Set-StrictMode -Version N
        self.using_values: Optional[dict] = None   # $using: values of the job / parallel block being run
        self.module_table: dict = {}
        self.history: list = []
        self.nested_prompt_level = 0
        self.current_script: Optional[str] = None
        self.init_automatic_variables()

    _id_lock = threading.Lock()
    _id_seed = 0

    @classmethod
    def _next_id(cls) -> int:
        with cls._id_lock:
            cls._id_seed += 1
            return cls._id_seed

    # ---- automatic variables
    def init_automatic_variables(self) -> None:
        s = self.session
        g = s.global_scope
        const = frozenset({"Constant"})
        readonly = frozenset({"ReadOnly"})
        s.new_variable("true", True, g, const)
        s.new_variable("false", False, g, const)
        s.new_variable("null", None, g, const)
        s.new_variable("PID", os.getpid(), g, const)
        s.new_variable("HOME", s.home, g, readonly)
        s.new_variable("PSHOME", os.path.dirname(os.path.abspath(sys.executable)), g, readonly)
        s.new_variable("IsLinux", sys.platform.startswith("linux"), g, const)
        s.new_variable("IsMacOS", sys.platform == "darwin", g, const)
        s.new_variable("IsWindows", sys.platform == "win32", g, const)
        s.new_variable("IsCoreCLR", True, g, const)
        s.new_variable("PSEdition", "Core", g, readonly)
        s.new_variable("ShellId", "Microsoft.PowerShell", g, const)
        s.new_variable("Error", PSList(type_name="System.Collections.ArrayList"), g, const)
        s.new_variable("?", True, g)
        # the first and last token of the previous command line: set by an interactive host, $null in a script
        s.new_variable("^", None, g)
        s.new_variable("$", None, g)
        s.new_variable("LASTEXITCODE", None, g)
        s.new_variable("FormatEnumerationLimit", 4, g)
        s.new_variable("MaximumHistoryCount", 4096, g)
        s.new_variable("NestedPromptLevel", 0, g)
        s.new_variable("ErrorView", "ConciseView", g)
        s.new_variable("PSModuleAutoLoadingPreference", "All", g)
        s.new_variable("PSNativeCommandUseErrorActionPreference", False, g)
        s.new_variable("PSNativeCommandArgumentPassing", "Standard", g)
        for name, value in _DEFAULT_PREFERENCES.items():
            s.new_variable(name, value, g)
        culture, ui_culture = culture_names()
        s.new_variable("PSCulture", culture, g, readonly)
        s.new_variable("PSUICulture", ui_culture, g, readonly)
        from pslark.runtime.session import LazyVariable
        g.variables["psversiontable"] = LazyVariable("PSVersionTable", psversion_table)
        g.variables["psstyle"] = LazyVariable("PSStyle", _psstyle)
        g.variables["outputencoding"] = LazyVariable("OutputEncoding", _output_encoding)
        config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(s.home, ".config")
        s.new_variable("PROFILE", os.path.join(config, "powershell", "Microsoft.PowerShell_profile.ps1"), g)
        s.new_variable("Host", self.host, g, const)
        s.new_variable("ExecutionContext", self, g, const)
        s.new_variable("PSDefaultParameterValues", Hashtable(), g)
        s.new_variable("input", [], g)
        s.new_variable("args", [], g)
        s.new_variable("PSScriptRoot", "", g)
        s.new_variable("PSCommandPath", "", g)
        s.new_variable("ConsoleFileName", "", g)
        s.new_variable("EnabledExperimentalFeatures", [], g, readonly)

    # ---- $ExecutionContext (EngineIntrinsics)
    type_names = ["System.Management.Automation.EngineIntrinsics", "System.Object"]
    ps_properties = ("Host", "Events", "InvokeProvider", "SessionState", "InvokeCommand")

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "host":
            return self.host
        if key == "sessionstate":
            return SessionStateProxy(self)
        if key == "invokecommand":
            from pslark.runtime.intrinsics import CommandInvocationIntrinsics
            return CommandInvocationIntrinsics()
        if key in ("events", "invokeprovider"):
            return None
        raise AttributeError(name)

    # ---- what the evaluator and cmdlets ask
    def preference(self, name: str, default: Any = None) -> Any:
        var = self.session.lookup(name)
        if var is None or var.value is None:
            return default
        return var.value

    def record_error(self, record) -> None:
        """Add an error to $Error (newest first, as pwsh's ArrayList)."""
        var = self.session.global_scope.variables.get("error")
        if var is not None and isinstance(var.value, list):
            var.value.insert(0, record)
            if len(var.value) > 256:
                del var.value[256:]

    def check_stop(self) -> None:
        if self.stop_event.is_set():
            raise PipelineStoppedException()

    def get_jobs(self):
        if self.jobs is None:
            from pslark.runtime.jobs.repository import JobRepository
            self.jobs = JobRepository()
        return self.jobs

    @property
    def location(self) -> str:
        return self.session.location

    def child_runspace(self, host: Optional[Host] = None, location: Optional[str] = None) -> "Runspace":
        """A fresh runspace for a thread job or a -Parallel iteration: no variables of ours, our location."""
        return Runspace(host or NullHost(), location or self.location, parent=self)


def _output_encoding():
    """$OutputEncoding: what text piped to a native program is encoded as (UTF-8 without a BOM)."""
    from pslark.runtime.types import _encoding
    return _encoding("utf8nobom")


class SessionStateProxy:
    """$ExecutionContext.SessionState: the language mode and the current path."""

    type_names = ["System.Management.Automation.SessionState", "System.Object"]
    ps_properties = ("Drive", "Provider", "Path", "Module", "LanguageMode", "UseFullLanguageModeInDebugger",
                     "Scripts", "Applications", "PSVariable", "InvokeCommand", "InvokeProvider")

    def __init__(self, runspace: "Runspace"):
        self._runspace = runspace

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "languagemode":
            return "FullLanguage"
        if key == "path":
            return self._runspace.location
        if key in ("scripts", "applications"):
            return ["*"]
        if key == "usefulllanguagemodeindebugger":
            return False
        if key == "provider":
            from pslark.runtime.intrinsics import ProviderIntrinsics
            return ProviderIntrinsics(self._runspace.session.home)
        if key in ("drive", "module", "psvariable", "invokecommand", "invokeprovider"):
            return None
        raise AttributeError(name)


def culture_names() -> tuple[str, str]:
    """$PSCulture and $PSUICulture from LANG / LC_* (the invariant culture's name is '')."""
    try:
        from pslark.runtime.culture import current_culture
        name = current_culture().name
    except Exception:   # the culture table is optional at start-up
        name = ""
    return name, name


def _psstyle():
    from pslark.runtime.psstyle import instance
    return instance()


def psversion_table():
    import platform
    from pslark.runtime.objects import OrderedDictionary
    table = OrderedDictionary()
    table["PSVersion"] = _version(PS_VERSION)
    table["PSEdition"] = "Core"
    table["GitCommitId"] = PS_VERSION
    table["OS"] = f"{platform.system()} {platform.release()} {platform.version()}".strip()
    table["Platform"] = "Unix" if os.name == "posix" else "Win32NT"
    table["PSCompatibleVersions"] = [_version(v) for v in ("1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0")]
    table["PSRemotingProtocolVersion"] = _version("2.3")
    table["SerializationVersion"] = _version("1.1.0.1")
    table["WSManStackVersion"] = _version("3.0")
    table["PslarkVersion"] = _version(PSLARK_VERSION)
    return table


def _version(text: str):
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type("version")
        if t is not None:
            return t.convert(text)
    except Exception:
        pass
    return text
