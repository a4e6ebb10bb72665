"""Process and service cmdlets: Get/Stop/Start/Wait-Process (psutil, imported when used) and Get-Service
(systemd or SysV init scripts; pwsh has Get-Service on Windows only, pslark provides it on Linux)."""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.variables import as_list, as_str_list, matcher, text
from pslark.runtime.shouldprocess import Operation
from pslark.runtime.errors import InvalidOperationException, PSException, RuntimeException, TimeoutException
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.sysobjects import (
    Process, ServiceController, lsb_description, parse_status_all, parse_systemctl,
)

MANAGEMENT = "Microsoft.PowerShell.Management"


class ProcessCommandException(RuntimeException):
    dotnet_type = "Microsoft.PowerShell.Commands.ProcessCommandException"


class ServiceCommandException(RuntimeException):
    dotnet_type = "Microsoft.PowerShell.Commands.ServiceCommandException"


def _unwrap(v: Any) -> Any:
    return v.base if isinstance(v, PSObject) and v.base is not None else v


def _to_process(value: Any) -> Process:
    """The Process[] parameter type: only Process objects bind (so pipeline input falls through to Name/Id)."""
    v = _unwrap(value)
    if isinstance(v, Process):
        return v
    from pslark.runtime.errors import PSInvalidCastException
    from pslark.runtime.conversion import to_string
    shown = "" if v is None else to_string(v)
    raise PSInvalidCastException(
        f'Cannot convert the "{shown}" value of type "{type(v).__name__}" to type "System.Diagnostics.Process".',
        error_id="ConvertToFinalInvalidCastException")


def _register_types() -> None:
    from pslark.runtime.paramtypes import register_converter
    register_converter("Process", _to_process)
    register_converter("System.Diagnostics.Process", _to_process)


_register_types()


def all_processes() -> list[Process]:
    import psutil
    out = []
    for p in psutil.process_iter(["name"]):
        try:
            name = p.info.get("name") or ""
        except Exception:
            name = ""
        proc = Process(p.pid, name=name)
        proc._proc = p
        out.append(proc)
    return out


def process_by_id(pid: int) -> Optional[Process]:
    import psutil
    try:
        p = psutil.Process(int(pid))
        if p.status() == psutil.STATUS_ZOMBIE:
            return None
        proc = Process(p.pid)
        proc._proc = p
        return proc
    except (psutil.NoSuchProcess, ValueError, OverflowError):
        return None
    except psutil.AccessDenied:
        return Process(int(pid))


def _process_key(p: Process):
    return (p.process_name.casefold(), p.pid)


class _ProcessCmdlet(Cmdlet):
    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def no_name(self, name: str) -> None:
        exc = ProcessCommandException(
            f"Cannot find a process with the name \"{name}\". Verify the process name and call the cmdlet again.",
            category="ObjectNotFound", target=name)
        self.write_error(self.error_record(exc.message, "NoProcessFoundForGivenName", "ObjectNotFound", name, exc))

    def no_id(self, pid: int) -> None:
        exc = ProcessCommandException(f"Cannot find a process with the process identifier {pid}.",
                                      category="ObjectNotFound", target=pid)
        self.write_error(self.error_record(exc.message, "NoProcessFoundForGivenId", "ObjectNotFound", pid, exc))

    def by_names(self, names: list[str]) -> list[Process]:
        from pslark.runtime.wildcard import has_wildcard
        procs = all_processes()
        found: dict[int, Process] = {}
        for n in names:
            m = matcher([n])
            hits = [p for p in procs if m(p.process_name) and not p.has_exited]
            if not hits and not has_wildcard(n):
                self.no_name(n)
            for p in hits:
                found.setdefault(p.pid, p)
        return sorted(found.values(), key=_process_key)

    def by_ids(self, ids: list) -> list[Process]:
        from pslark.runtime.conversion import to_int
        out = []
        for i in ids:
            pid = to_int(i)
            p = process_by_id(pid)
            if p is None:
                self.no_id(pid)
                continue
            out.append(p)
        return out

    def input_processes(self, values) -> list[Process]:
        out = []
        for v in as_list(values):
            v = _unwrap(v)
            if isinstance(v, Process):
                out.append(v)
            elif v is not None:
                from pslark.runtime.members import get_member
                pid = None
                try:
                    pid = get_member(v, "Id")
                except Exception:
                    pid = None
                if pid is not None:
                    p = process_by_id(pid)
                    if p is not None:
                        out.append(p)
        return out


@cmdlet("Get-Process", aliases=("gps",), default_set="Name", module=MANAGEMENT)
class GetProcess(_ProcessCmdlet):
    name = Parameter("string[]", position=0, by_property_name=True, aliases=("ProcessName",),
                     sets=("Name", "NameWithUserName"))
    id = Parameter("int[]", mandatory=True, by_property_name=True, aliases=("PID",), sets=("Id", "IdWithUserName"))
    # pwsh's binder tries ByValue in every set before ByPropertyName; pslark's goes set by set, so InputObject
    # is also offered (not mandatory) in the Name/Id sets, and a piped Process binds to it there
    input_object = Parameter("Process[]", mandatory=True, pipeline=True,
                             sets=("InputObject", "InputObjectWithUserName", "Name", "Id"),
                             per_set={"Name": {"mandatory": False}, "Id": {"mandatory": False}})
    include_user_name = Parameter("switch", mandatory=True, sets=("NameWithUserName", "IdWithUserName",
                                                                  "InputObjectWithUserName"))
    module = Parameter("switch", sets=("Name", "Id", "InputObject"))
    file_version_info = Parameter("switch", aliases=("FV", "FVI"), sets=("Name", "Id", "InputObject"))

    def process_record(self):
        if self.input_object is not None:
            procs = self.input_processes(self.input_object)
        elif self.parameter_set.startswith("Id"):
            procs = self.by_ids(as_list(self.id))
        else:
            names = as_str_list(self.name) if self.name is not None else ["*"]
            procs = self.by_names(names)
        for p in procs:
            self.ctx.check_stop()
            if self.module:
                mm = p.ps_get("MainModule")
                if mm is not None:
                    self.write_object(mm)
                continue
            if self.include_user_name:
                obj = PSObject(type_names=["System.Diagnostics.Process#IncludeUserName"] + p.type_names, base=p)
                user = p._safe(lambda: p.proc.username())
                obj.add_property("UserName", user)
                self.write_object(obj)
                continue
            self.write_object(p)


@cmdlet("Stop-Process", aliases=("spps",), should_process=True, default_set="Id", module=MANAGEMENT)
class StopProcess(_ProcessCmdlet):
    id = Parameter("int[]", position=0, mandatory=True, by_property_name=True, sets=("Id",))
    name = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("ProcessName",), sets=("Name",))
    input_object = Parameter("Process[]", position=0, mandatory=True, pipeline=True,
                             sets=("InputObject", "Id", "Name"),
                             per_set={"Id": {"mandatory": False, "position": None},
                                      "Name": {"mandatory": False, "position": None}})
    pass_thru = Parameter("switch")
    force = Parameter("switch")
    # ShouldProcess(ProcessNameForConfirmation): the cmdlet's name on `name (id)`
    operations = {"stop": Operation(None, "{0} ({1})")}

    def process_record(self):
        if self.input_object is not None:
            procs = self.input_processes(self.input_object)
        elif self.parameter_set == "Name":
            procs = self.by_names(as_str_list(self.name))
        else:
            procs = self.by_ids(as_list(self.id))
        for p in procs:
            if not self.should_process("stop", p.process_name, p.pid):
                continue
            if p.pid == os.getpid():
                exc = ProcessCommandException(
                    f"Cannot stop process \"{p.process_name} ({p.pid})\" because of the following error: the process "
                    f"is pslark itself.", category="CloseError", target=p)
                self.write_error(self.error_record(exc.message, "CouldNotStopProcess", "CloseError", p, exc))
                continue
            try:
                p.kill()
            except Exception as err:
                reason = getattr(err, "msg", None) or str(err) or type(err).__name__
                if type(err).__name__ == "AccessDenied":
                    reason = "Access is denied."
                exc = ProcessCommandException(
                    f"Cannot stop process \"{p.process_name} ({p.pid})\" because of the following error: {reason}",
                    category="CloseError", target=p)
                self.write_error(self.error_record(exc.message, "CouldNotStopProcess", "CloseError", p, exc))
                continue
            p.wait_for_exit(2000)
            if self.pass_thru:
                self.write_object(p)


@cmdlet("Wait-Process", default_set="Name", module=MANAGEMENT)
class WaitProcess(_ProcessCmdlet):
    id = Parameter("int[]", position=0, mandatory=True, by_property_name=True, aliases=("PID", "ProcessId"),
                   sets=("Id",))
    name = Parameter("string[]", position=0, mandatory=True, by_property_name=True, aliases=("ProcessName",),
                     sets=("Name",))
    input_object = Parameter("Process[]", mandatory=True, pipeline=True, sets=("InputObject", "Id", "Name"),
                             per_set={"Id": {"mandatory": False}, "Name": {"mandatory": False}})
    timeout = Parameter("int", aliases=("TimeoutSec",), validate_range=(0, 32767))
    any = Parameter("switch")
    pass_thru = Parameter("switch")

    def begin_processing(self):
        self.waiting: list[Process] = []

    def process_record(self):
        if self.input_object is not None:
            self.waiting += self.input_processes(self.input_object)
        elif self.parameter_set == "Id":
            self.waiting += self.by_ids(as_list(self.id))
        else:
            self.waiting += self.by_names(as_str_list(self.name))

    def end_processing(self):
        procs = self.waiting
        if not procs:
            return
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        while True:
            self.ctx.check_stop()
            done = [p for p in procs if p.has_exited]
            if (self.any and done) or len(done) == len(procs):
                break
            if deadline is not None and time.monotonic() >= deadline:
                for p in procs:
                    if not p.has_exited:
                        exc = TimeoutException(
                            f"This command stopped operation because process \"{p.process_name} ({p.pid})\" is not "
                            f"stopped in the specified time-out.", category="CloseError", target=p)
                        self.write_error(self.error_record(exc.message, "ProcessNotTerminated", "CloseError", p, exc))
                break
            time.sleep(0.05)
        if self.pass_thru:
            for p in procs:
                self.write_object(p)


def split_windows_args(line: str) -> list[str]:
    """ProcessStartInfo.Arguments as .NET splits it on Unix (the Windows command-line rules)."""
    args: list[str] = []
    cur: list[str] = []
    in_quotes = False
    have = False
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            j = i
            while j < n and line[j] == "\\":
                j += 1
            count = j - i
            if j < n and line[j] == '"':
                cur.append("\\" * (count // 2))
                if count % 2:
                    cur.append('"')
                    i = j + 1
                else:
                    i = j
                have = True
                continue
            cur.append("\\" * count)
            have = True
            i = j
            continue
        if c == '"':
            if in_quotes and i + 1 < n and line[i + 1] == '"':
                cur.append('"')
                i += 2
                continue
            in_quotes = not in_quotes
            have = True
            i += 1
            continue
        if c in " \t" and not in_quotes:
            if have:
                args.append("".join(cur))
                cur = []
                have = False
            i += 1
            continue
        cur.append(c)
        have = True
        i += 1
    if have:
        args.append("".join(cur))
    return args


@cmdlet("Start-Process", aliases=("saps",), default_set="Default", module=MANAGEMENT)
class StartProcess(_ProcessCmdlet):
    file_path = Parameter("string", position=0, mandatory=True, aliases=("PSPath", "Path"))
    argument_list = Parameter("string[]", position=1, aliases=("Args",))
    credential = Parameter("object", aliases=("RunAs",), sets=("Default",))
    working_directory = Parameter("string")
    load_user_profile = Parameter("switch", aliases=("Lup",), sets=("Default",))
    no_new_window = Parameter("switch", aliases=("nnw",), sets=("Default",))
    pass_thru = Parameter("switch")
    redirect_standard_error = Parameter("string", aliases=("RSE",), sets=("Default",))
    redirect_standard_input = Parameter("string", aliases=("RSI",), sets=("Default",))
    redirect_standard_output = Parameter("string", aliases=("RSO",), sets=("Default",))
    verb = Parameter("string", sets=("UseShellExecute",))
    window_style = Parameter("string", validate_set=("Normal", "Hidden", "Minimized", "Maximized"))
    wait = Parameter("switch")
    use_new_environment = Parameter("switch", sets=("Default",))
    environment = Parameter("hashtable", sets=("Default",))

    def fail(self, message: str) -> None:
        exc = InvalidOperationException(f"This command cannot be run due to the error: {message}",
                                        category="InvalidOperation")
        self.throw_terminating(self.error_record(exc.message, "InvalidOperationException", "InvalidOperation",
                                                 None, exc))

    def resolve_program(self, name: str, cwd: str) -> Optional[str]:
        session = self.ctx.session
        if "/" in name or name.startswith("~") or name.startswith("."):
            full = session.resolve_path(name)
            return full if os.path.exists(full) else None
        local = os.path.join(session.location, name)
        found = shutil.which(name)
        if found:
            return found
        if os.path.isfile(local):
            return local
        return None

    def process_record(self):
        session = self.ctx.session
        cwd = session.resolve_path(self.working_directory) if self.working_directory else session.location
        if self.working_directory and not os.path.isdir(cwd):
            exc = InvalidOperationException(
                f"This command cannot be run because the directory '{cwd}' does not exist.",
                category="InvalidOperation")
            self.throw_terminating(self.error_record(
                exc.message, "DirectoryNotFoundException", "InvalidOperation", None, exc))
        name = text(self.file_path)
        program = self.resolve_program(name, cwd)
        if program is None:
            self.fail(f"An error occurred trying to start process '{name}' with working directory '{cwd}'. "
                      f"No such file or directory")
        args = []
        if self.argument_list is not None:
            joined = " ".join(as_str_list(self.argument_list))
            args = split_windows_args(joined)
        env = dict(os.environ) if not self.use_new_environment else {
            k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG")}
        if self.environment is not None:
            for k, v in self.environment.items():
                if v is None:
                    env.pop(str(k), None)
                else:
                    env[str(k)] = text(v)
        stdin = stdout = stderr = None
        files = []
        pumps = []
        try:
            if self.redirect_standard_input:
                path = session.resolve_path(self.redirect_standard_input)
                if not os.path.isfile(path):
                    self.fail(f"Could not find file '{path}'.")
                stdin = open(path, "rb")
                files.append(stdin)
            if self.redirect_standard_output:
                stdout = open(session.resolve_path(self.redirect_standard_output), "wb")
                files.append(stdout)
            if self.redirect_standard_error:
                if self.redirect_standard_error == self.redirect_standard_output:
                    exc = InvalidOperationException(
                        "This command cannot be run because \"RedirectStandardOutput\" and \"RedirectStandardError\" "
                        "are same. Give different inputs and Run your command again.", category="InvalidOperation")
                    self.throw_terminating(self.error_record(exc.message, "DuplicateEntry", "InvalidOperation",
                                                             None, exc))
                stderr = open(session.resolve_path(self.redirect_standard_error), "wb")
                files.append(stderr)
            inherit = self._host_is_console()
            if stdout is None and not inherit:
                stdout = subprocess.PIPE
            if stderr is None and not inherit:
                stderr = subprocess.PIPE
            if stdin is None and not inherit:
                stdin = subprocess.DEVNULL
            try:
                popen = subprocess.Popen([program] + args, cwd=cwd, env=env, stdin=stdin, stdout=stdout,
                                         stderr=stderr, start_new_session=False)
            except OSError as err:
                self.fail(f"An error occurred trying to start process '{program}' with working directory '{cwd}'. "
                          f"{err.strerror or err}")
            if stdout is subprocess.PIPE:
                pumps.append(self._pump(popen.stdout, self.ctx.host.write_out))
            if stderr is subprocess.PIPE:
                pumps.append(self._pump(popen.stderr, self.ctx.host.write_err))
        finally:
            for f in files:
                try:
                    f.close()
                except OSError:
                    pass
        proc = Process(popen.pid, popen=popen, name=os.path.basename(program))
        _track(self.ctx, popen)
        if self.wait:
            try:
                while popen.poll() is None:
                    self.ctx.check_stop()
                    time.sleep(0.02)
            except BaseException:
                popen.kill()
                raise
            for t in pumps:
                t.join(timeout=5)
        if self.pass_thru:
            self.write_object(proc)

    def _host_is_console(self) -> bool:
        import sys
        host = self.ctx.host
        return getattr(host, "stdout", None) is sys.stdout

    @staticmethod
    def _pump(stream, sink):
        def run():
            try:
                for raw in iter(lambda: stream.readline(), b""):
                    sink(raw.decode("utf-8", errors="replace"))
            except (OSError, ValueError):
                pass
        t = threading.Thread(target=run, daemon=True)
        t.start()
        return t


def _track(ctx, popen) -> None:
    started = getattr(ctx, "started_processes", None)
    if started is None:
        started = []
        try:
            ctx.started_processes = started
        except AttributeError:
            return
    started.append(popen)


# ------------------------------------------------------------------------------------------------
# Get-Service (Linux)

class ServiceManagerUnavailable(RuntimeException):
    dotnet_type = "System.InvalidOperationException"


def _run(cmd: list[str], timeout: float = 15.0, with_stderr: bool = False) -> Optional[str]:
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, errors="replace",
                             env=dict(os.environ, LC_ALL="C", SYSTEMD_COLORS="0"))
    except (OSError, subprocess.TimeoutExpired):
        return None
    return res.stdout + (res.stderr if with_stderr else "")


def systemd_available() -> bool:
    return os.path.isdir("/run/systemd/system") and shutil.which("systemctl") is not None


def list_services() -> list[ServiceController]:
    """Every service of this machine: systemd units, else SysV init scripts; raises when neither exists."""
    if systemd_available():
        units = _run(["systemctl", "list-units", "--type=service", "--all", "--no-pager", "--plain",
                      "--no-legend"]) or ""
        files = _run(["systemctl", "list-unit-files", "--type=service", "--no-pager", "--plain",
                      "--no-legend"]) or ""
        return parse_systemctl(units, files)
    init_d = "/etc/init.d"
    if os.path.isdir(init_d):
        scripts = sorted(n for n in os.listdir(init_d)
                         if not n.startswith(".") and n not in ("README", "skeleton", "rc", "rcS", "functions")
                         and os.path.isfile(os.path.join(init_d, n)))
        descriptions = {n: lsb_description(os.path.join(init_d, n)) or n for n in scripts}
        output = None
        if shutil.which("service"):
            output = _run(["service", "--status-all"], with_stderr=True)
        if output and output.strip():
            services = parse_status_all(output, descriptions)
        else:
            services = []
            for n in scripts:
                path = os.path.join(init_d, n)
                status = "Stopped"
                if os.access(path, os.X_OK):
                    try:
                        res = subprocess.run([path, "status"], capture_output=True, timeout=5)
                        status = "Running" if res.returncode == 0 else "Stopped"
                    except (OSError, subprocess.TimeoutExpired):
                        status = "Stopped"
                services.append(ServiceController(n, descriptions[n], status, source="sysv"))
        for s in services:
            s.start_type = _sysv_start_type(s.name)
            s.binary_path = os.path.join(init_d, s.name)
        return sorted(services, key=lambda s: s.name.casefold())
    raise ServiceManagerUnavailable(
        "Cannot list services: this system has neither systemd (/run/systemd/system) nor SysV init scripts "
        "(/etc/init.d).", error_id="ServiceManagerNotAvailable", category="ResourceUnavailable")


def _sysv_start_type(name: str) -> str:
    for level in ("2", "3", "4", "5", "S"):
        d = f"/etc/rc{level}.d"
        try:
            for entry in os.listdir(d):
                if entry.startswith("S") and entry[3:] == name:
                    return "Automatic"
        except OSError:
            continue
    return "Manual"


@cmdlet("Get-Service", default_set="Default", module=MANAGEMENT)
class GetService(Cmdlet):
    name = Parameter("string[]", position=0, pipeline=True, by_property_name=True, aliases=("ServiceName",),
                     sets=("Default",))
    dependent_services = Parameter("switch", aliases=("DS",))
    required_services = Parameter("switch", aliases=("SDO", "ServicesDependedOn"))
    display_name = Parameter("string[]", mandatory=True, sets=("DisplayName",))
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    input_object = Parameter("object[]", pipeline=True, sets=("InputObject",))

    # the service table is read once per command invocation, the way ServiceController.GetServices() is
    lister = staticmethod(list_services)

    def begin_processing(self):
        self.services: Optional[list] = None

    def load(self) -> Optional[list]:
        if self.services is None:
            try:
                self.services = self.lister()
            except ServiceManagerUnavailable as exc:
                self.throw_terminating(self.error_record(exc.message, "ServiceManagerNotAvailable",
                                                         "ResourceUnavailable", None, exc))
        return self.services

    def process_record(self):
        from pslark.runtime.wildcard import has_wildcard
        include = matcher(as_str_list(self.include)) if self.include else None
        exclude = matcher(as_str_list(self.exclude)) if self.exclude else None

        def keep(s: ServiceController) -> bool:
            if include is not None and not include(s.name):
                return False
            if exclude is not None and exclude(s.name):
                return False
            return True

        if self.parameter_set == "InputObject":
            results = [_unwrap(v) for v in as_list(self.input_object) if isinstance(_unwrap(v), ServiceController)]
        elif self.parameter_set == "DisplayName":
            services = self.load()
            results = []
            for dn in as_str_list(self.display_name):
                m = matcher([dn])
                hits = [s for s in services if m(s.display_name) and keep(s)]
                if not hits and not has_wildcard(dn):
                    self.not_found(dn, by_display=True)
                results += [h for h in hits if h not in results]
        else:
            services = self.load()
            names = as_str_list(self.name) if self.name is not None else ["*"]
            results = []
            for n in names:
                m = matcher([n])
                hits = [s for s in services if m(s.name) and keep(s)]
                if not hits and not has_wildcard(n):
                    self.not_found(n, by_display=False)
                results += [h for h in hits if h not in results]
        for s in results:
            if self.required_services:
                for r in s.ps_get("RequiredServices"):
                    self.write_object(r)
            elif self.dependent_services:
                continue
            else:
                self.write_object(s)

    def not_found(self, name: str, by_display: bool) -> None:
        if by_display:
            msg = f"Cannot find any service with display name '{name}'."
            eid = "NoServiceFoundForGivenDisplayName"
        else:
            msg = f"Cannot find any service with service name '{name}'."
            eid = "NoServiceFoundForGivenName"
        exc = ServiceCommandException(msg, category="ObjectNotFound", target=name)
        self.write_error(self.error_record(msg, eid, "ObjectNotFound", name, exc))
