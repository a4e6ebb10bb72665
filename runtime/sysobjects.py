"""System.Diagnostics.Process and System.ServiceProcess.ServiceController as pwsh shows them on Linux.

Process values come from psutil (imported when first needed) and are read live; a Process that pslark
started itself keeps its Popen so ExitCode and WaitForExit work after the child ends. Both classes expose
`ps_properties` / `ps_get` so the formatter, Select-Object and the job serializer see pwsh's members.
"""
from __future__ import annotations

import datetime as _dt
import os
import time
from typing import Any, Optional

PROCESS_TYPE_NAMES = ["System.Diagnostics.Process", "System.ComponentModel.Component", "System.MarshalByRefObject",
                      "System.Object"]
SERVICE_TYPE_NAMES = ["System.ServiceProcess.ServiceController", "System.ComponentModel.Component",
                      "System.MarshalByRefObject", "System.Object"]

_PROCESS_PROPS = (
    "Name", "SI", "Handles", "VM", "WS", "PM", "NPM", "Path", "Parent", "CommandLine", "Company", "CPU",
    "FileVersion", "ProductVersion", "Description", "Product", "__NounName", "BasePriority", "ExitCode",
    "HasExited", "StartTime", "ExitTime", "Id", "MachineName", "MaxWorkingSet", "MinWorkingSet", "Modules",
    "NonpagedSystemMemorySize64", "NonpagedSystemMemorySize", "PagedMemorySize64", "PagedMemorySize",
    "PagedSystemMemorySize64", "PagedSystemMemorySize", "PeakPagedMemorySize64", "PeakPagedMemorySize",
    "PeakWorkingSet64", "PeakWorkingSet", "PeakVirtualMemorySize64", "PeakVirtualMemorySize",
    "PriorityBoostEnabled", "PriorityClass", "PrivateMemorySize64", "PrivateMemorySize", "ProcessName",
    "ProcessorAffinity", "SessionId", "Threads", "HandleCount", "VirtualMemorySize64", "VirtualMemorySize",
    "EnableRaisingEvents", "WorkingSet64", "WorkingSet", "MainWindowHandle", "MainWindowTitle", "MainModule",
    "PrivilegedProcessorTime", "TotalProcessorTime", "UserProcessorTime", "Responding",
)


def _psutil():
    import psutil
    return psutil


def _int32(v: int) -> int:
    """The deprecated Int32 memory properties wrap like .NET's (int) casts."""
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v >= 0x80000000 else v


class ProcessModule:
    """System.Diagnostics.ProcessModule (MainModule): the executable."""

    type_names = ["System.Diagnostics.ProcessModule", "System.ComponentModel.Component", "System.Object"]
    ps_properties = ("ModuleName", "FileName", "BaseAddress", "ModuleMemorySize", "EntryPointAddress",
                     "FileVersionInfo", "Size", "Company", "FileVersion", "ProductVersion", "Description",
                     "Product")

    def __init__(self, path: str):
        self.path = path

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "modulename":
            return os.path.basename(self.path)
        if key == "filename":
            return self.path
        if key in ("modulememorysize", "size"):
            try:
                return os.path.getsize(self.path)
            except OSError:
                return 0
        if key in ("baseaddress", "entrypointaddress"):
            return 0
        if key in ("fileversioninfo", "company", "fileversion", "productversion", "description", "product"):
            return None
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return f"System.Diagnostics.ProcessModule ({os.path.basename(self.path)})"

    def __str__(self):
        return self.ps_to_string()


class ProcessThreadCollection(list):
    """Process.Threads: what scripts use is its Count."""

    type_name = "System.Diagnostics.ProcessThreadCollection"


class Process:
    """System.Diagnostics.Process for one pid (live: each read asks the OS)."""

    type_names = PROCESS_TYPE_NAMES
    ps_properties = _PROCESS_PROPS

    def __init__(self, pid: int, popen=None, name: Optional[str] = None):
        self.pid = int(pid)
        self.popen = popen                 # set when pslark started the process (Start-Process)
        self._proc = None
        self._name = name
        self._exit_time: Optional[_dt.datetime] = None
        self._start_time: Optional[_dt.datetime] = None

    # ---- OS access
    @property
    def proc(self):
        if self._proc is None:
            self._proc = _psutil().Process(self.pid)
        return self._proc

    def _safe(self, fn, default=None):
        try:
            return fn()
        except Exception:
            return default

    @property
    def has_exited(self) -> bool:
        if self.popen is not None:
            done = self.popen.poll() is not None
            if done and self._exit_time is None:
                self._exit_time = _dt.datetime.now()
            return done
        psutil = _psutil()
        try:
            p = self.proc
            if not p.is_running():
                return True
            return p.status() == psutil.STATUS_ZOMBIE
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return True
        except Exception:
            return True

    @property
    def exit_code(self) -> Optional[int]:
        if self.popen is None:
            return None
        code = self.popen.poll()
        if code is None:
            from pslark.runtime.errors import InvalidOperationException
            raise InvalidOperationException(f"Process must exit before requested information can be determined.")
        return 128 - code if code < 0 else code

    @property
    def process_name(self) -> str:
        if self._name is None:
            self._name = self._safe(lambda: self.proc.name(), "") or ""
        return self._name

    @property
    def start_time(self) -> Optional[_dt.datetime]:
        if self._start_time is None:
            ts = self._safe(lambda: self.proc.create_time())
            if ts is not None:
                self._start_time = _dt.datetime.fromtimestamp(ts)
        return self._start_time

    def _mem(self):
        return self._safe(lambda: self.proc.memory_info())

    def _status_field(self, field: str) -> int:
        """A VmXxx value (kB) from /proc/pid/status, in bytes (how .NET reads several memory counters)."""
        try:
            with open(f"/proc/{self.pid}/status") as fh:
                for line in fh:
                    if line.startswith(field + ":"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    @property
    def working_set(self) -> int:
        m = self._mem()
        return int(m.rss) if m is not None else 0

    @property
    def virtual_memory(self) -> int:
        m = self._mem()
        return int(m.vms) if m is not None else 0

    @property
    def paged_memory(self) -> int:
        return self._status_field("VmSwap")

    @property
    def private_memory(self) -> int:
        return self._status_field("VmData")

    @property
    def cpu_time(self) -> Optional[_dt.timedelta]:
        t = self._safe(lambda: self.proc.cpu_times())
        if t is None:
            return None
        return _dt.timedelta(seconds=float(t.user) + float(t.system))

    @property
    def cpu(self) -> Optional[float]:
        t = self.cpu_time
        return t.total_seconds() if t is not None else None

    @property
    def handles(self) -> int:
        return self._safe(lambda: self.proc.num_fds(), 0) or 0

    @property
    def session_id(self) -> int:
        return self._safe(lambda: os.getsid(self.pid), 0) or 0

    @property
    def path(self) -> Optional[str]:
        return self._safe(lambda: self.proc.exe()) or None

    @property
    def threads(self) -> ProcessThreadCollection:
        n = self._safe(lambda: self.proc.num_threads(), 0) or 0
        return ProcessThreadCollection(range(n))

    def ps_get(self, name: str):
        key = name.casefold()
        getter = _PROCESS_GETTERS.get(key)
        if getter is None:
            raise AttributeError(name)
        return getter(self)

    # ---- methods
    def kill(self, tree: bool = False) -> None:
        psutil = _psutil()
        try:
            if tree:
                for child in self.proc.children(recursive=True):
                    try:
                        child.kill()
                    except psutil.Error:
                        pass
            if self.popen is not None:
                self.popen.kill()
            else:
                self.proc.kill()
        except psutil.NoSuchProcess:
            pass

    def wait_for_exit(self, timeout_ms: Optional[int] = None) -> bool:
        timeout = None if timeout_ms is None or timeout_ms < 0 else timeout_ms / 1000.0
        deadline = None if timeout is None else time.monotonic() + timeout
        if self.popen is not None:
            try:
                self.popen.wait(timeout=timeout)
                self.has_exited
                return True
            except Exception:
                return False
        while not self.has_exited:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        if key == "kill":
            self.kill(bool(args[0]) if args else False)
            return None
        if key == "waitforexit":
            if args:
                from pslark.runtime.conversion import to_int
                return self.wait_for_exit(to_int(args[0]))
            self.wait_for_exit()
            return None
        if key == "refresh":
            self._name = None
            return None
        if key == "closemainwindow":
            return False
        if key == "tostring":
            return self.ps_to_string()
        if key == "gethashcode":
            return self.pid
        if key == "dispose":
            return None
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return f"System.Diagnostics.Process ({self.process_name})"

    def __str__(self):
        return self.ps_to_string()

    def __repr__(self):
        return f"Process({self.pid}, {self.process_name!r})"


def _parent(p: Process):
    pp = p._safe(lambda: p.proc.ppid())
    return Process(pp) if pp else None


def _cmdline(p: Process):
    parts = p._safe(lambda: p.proc.cmdline())
    return " ".join(parts) if parts else None


_PROCESS_GETTERS = {
    "name": lambda p: p.process_name,
    "processname": lambda p: p.process_name,
    "__nounname": lambda p: "Process",
    "si": lambda p: p.session_id,
    "sessionid": lambda p: p.session_id,
    "handles": lambda p: p.handles,
    "handlecount": lambda p: p.handles,
    "vm": lambda p: p.virtual_memory,
    "virtualmemorysize64": lambda p: p.virtual_memory,
    "virtualmemorysize": lambda p: _int32(p.virtual_memory),
    "ws": lambda p: p.working_set,
    "workingset64": lambda p: p.working_set,
    "workingset": lambda p: _int32(p.working_set),
    "pm": lambda p: p.paged_memory,
    "pagedmemorysize64": lambda p: p.paged_memory,
    "pagedmemorysize": lambda p: _int32(p.paged_memory),
    "npm": lambda p: 0,
    "nonpagedsystemmemorysize64": lambda p: 0,
    "nonpagedsystemmemorysize": lambda p: 0,
    "pagedsystemmemorysize64": lambda p: 0,
    "pagedsystemmemorysize": lambda p: 0,
    "peakpagedmemorysize64": lambda p: p._status_field("VmSwap"),
    "peakpagedmemorysize": lambda p: _int32(p._status_field("VmSwap")),
    "peakworkingset64": lambda p: p._status_field("VmHWM"),
    "peakworkingset": lambda p: _int32(p._status_field("VmHWM")),
    "peakvirtualmemorysize64": lambda p: p._status_field("VmPeak"),
    "peakvirtualmemorysize": lambda p: _int32(p._status_field("VmPeak")),
    "privatememorysize64": lambda p: p.private_memory,
    "privatememorysize": lambda p: _int32(p.private_memory),
    "path": lambda p: p.path,
    "parent": _parent,
    "commandline": _cmdline,
    "company": lambda p: None,
    "fileversion": lambda p: None,
    "productversion": lambda p: None,
    "description": lambda p: None,
    "product": lambda p: None,
    "cpu": lambda p: p.cpu,
    "totalprocessortime": lambda p: p.cpu_time,
    "userprocessortime": lambda p: (lambda t: _dt.timedelta(seconds=float(t.user)) if t else None)(
        p._safe(lambda: p.proc.cpu_times())),
    "privilegedprocessortime": lambda p: (lambda t: _dt.timedelta(seconds=float(t.system)) if t else None)(
        p._safe(lambda: p.proc.cpu_times())),
    "basepriority": lambda p: p._safe(lambda: 20 - p.proc.nice(), 0),
    "exitcode": lambda p: p.exit_code,
    "hasexited": lambda p: p.has_exited,
    "starttime": lambda p: p.start_time,
    "exittime": lambda p: p._exit_time,
    "id": lambda p: p.pid,
    "machinename": lambda p: ".",
    "maxworkingset": lambda p: 0,
    "minworkingset": lambda p: 0,
    "modules": lambda p: [ProcessModule(p.path)] if p.path else [],
    "mainmodule": lambda p: ProcessModule(p.path) if p.path else None,
    "priorityboostenabled": lambda p: False,
    "priorityclass": lambda p: "Normal",
    "processoraffinity": lambda p: p._safe(lambda: sum(1 << c for c in p.proc.cpu_affinity()), 0),
    "threads": lambda p: p.threads,
    "enableraisingevents": lambda p: False,
    "mainwindowhandle": lambda p: 0,
    "mainwindowtitle": lambda p: "",
    "responding": lambda p: True,
}


# ------------------------------------------------------------------------------------------------
# Services

_SERVICE_PROPS = ("UserName", "Description", "DelayedAutoStart", "BinaryPathName", "StartupType", "Name",
                  "RequiredServices", "CanPauseAndContinue", "CanShutdown", "CanStop", "DisplayName",
                  "DependentServices", "MachineName", "ServiceName", "ServicesDependedOn", "StartType",
                  "ServiceHandle", "Status", "ServiceType", "Site", "Container")


class ServiceController:
    """A Linux service shown as pwsh's ServiceController (systemd unit or SysV init script)."""

    type_names = SERVICE_TYPE_NAMES
    ps_properties = _SERVICE_PROPS

    def __init__(self, name: str, display_name: str = "", status: str = "Stopped", start_type: str = "Manual",
                 description: str = "", binary_path: Optional[str] = None, depends_on: tuple = (),
                 source: str = "systemd"):
        self.name = name
        self.display_name = display_name or name
        self.status = status
        self.start_type = start_type
        self.description = description or self.display_name
        self.binary_path = binary_path
        self.depends_on = tuple(depends_on)
        self.source = source

    def ps_get(self, key_name: str):
        key = key_name.casefold()
        if key in ("name", "servicename"):
            return self.name
        if key == "displayname":
            return self.display_name
        if key == "status":
            return self.status
        if key in ("starttype", "startuptype"):
            return self.start_type
        if key == "servicetype":
            return "Win32OwnProcess"
        if key == "canstop":
            return self.status == "Running"
        if key in ("canpauseandcontinue", "canshutdown", "delayedautostart"):
            return False
        if key in ("dependentservices",):
            return []
        if key in ("servicesdependedon", "requiredservices"):
            return [ServiceController(n, source=self.source) for n in self.depends_on]
        if key == "machinename":
            return "."
        if key == "description":
            return self.description
        if key == "binarypathname":
            return self.binary_path
        if key == "username":
            return None
        if key in ("servicehandle", "site", "container"):
            return None
        raise AttributeError(key_name)

    def ps_to_string(self) -> str:
        return "System.ServiceProcess.ServiceController"

    def __str__(self):
        return self.ps_to_string()

    def __repr__(self):
        return f"ServiceController({self.name!r}, {self.status!r})"


def _systemd_status(active: str, sub: str) -> str:
    if active == "active":
        return "Running" if sub in ("running", "exited", "listening", "waiting") or sub else "Running"
    if active == "activating" or active == "reloading":
        return "StartPending"
    if active == "deactivating":
        return "StopPending"
    return "Stopped"


_UNIT_FILE_START = {"enabled": "Automatic", "enabled-runtime": "Automatic", "alias": "Automatic",
                    "disabled": "Disabled", "masked": "Disabled", "masked-runtime": "Disabled",
                    "static": "Manual", "indirect": "Manual", "generated": "Automatic", "transient": "Manual",
                    "linked": "Manual", "linked-runtime": "Manual", "bad": "Disabled"}


def parse_systemctl(list_units: str, unit_files: str) -> list[ServiceController]:
    """Services from `systemctl list-units --type=service --all --plain --no-legend` and
    `systemctl list-unit-files --type=service --plain --no-legend` output."""
    services: dict[str, ServiceController] = {}
    for line in unit_files.splitlines():
        parts = line.split()
        if len(parts) < 2 or not parts[0].endswith(".service"):
            continue
        unit = parts[0][:-len(".service")]
        if unit.endswith("@"):
            continue          # templates are not services by themselves
        services[unit] = ServiceController(unit, unit, "Stopped", _UNIT_FILE_START.get(parts[1], "Manual"))
    for line in list_units.splitlines():
        line = line.strip().lstrip("●*").strip()
        parts = line.split(None, 4)
        if len(parts) < 4 or not parts[0].endswith(".service"):
            continue
        unit = parts[0][:-len(".service")]
        load, active, sub = parts[1], parts[2], parts[3]
        desc = parts[4] if len(parts) > 4 else unit
        svc = services.get(unit)
        if svc is None:
            start = "Disabled" if load == "masked" else "Manual"
            svc = ServiceController(unit, desc, start_type=start)
            services[unit] = svc
        svc.display_name = desc
        svc.description = desc
        svc.status = _systemd_status(active, sub)
    return sorted(services.values(), key=lambda s: s.name.casefold())


def parse_status_all(output: str, descriptions: Optional[dict] = None) -> list[ServiceController]:
    """Services from `service --status-all` (` [ + ]  name`, ` [ - ]  name`, ` [ ? ]  name`)."""
    out = []
    descriptions = descriptions or {}
    for line in output.splitlines():
        line = line.strip()
        if not line.startswith("["):
            continue
        close = line.find("]")
        if close < 0:
            continue
        mark = line[1:close].strip()
        name = line[close + 1:].strip()
        if not name:
            continue
        status = "Running" if mark == "+" else "Stopped"
        out.append(ServiceController(name, descriptions.get(name, name), status, source="sysv"))
    return sorted(out, key=lambda s: s.name.casefold())


def lsb_description(script_path: str) -> Optional[str]:
    """The `# Short-Description:` of an LSB init script header."""
    try:
        with open(script_path, errors="replace") as fh:
            for i, line in enumerate(fh):
                if i > 80:
                    break
                if line.startswith("# Short-Description:"):
                    return line.split(":", 1)[1].strip() or None
    except OSError:
        return None
    return None
