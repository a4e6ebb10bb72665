"""Remoting cmdlets: Invoke-Command, New-PSSession, Get-PSSession, Remove-PSSession, Enter-PSSession,
Exit-PSSession, with pwsh 7.4's parameter sets. -ComputerName goes over SSH (localhost, `.` and this machine's
name use a local worker process); -HostName and -SSHConnection always use SSH (design.md §7 and §9)."""
from __future__ import annotations

import os
import queue
import threading
from typing import Any, Optional

from pslark.runtime import paramtypes
from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    ArgumentException, ErrorRecord, InvalidOperationException, ParameterBindingException, PSArgumentException,
    PSInvalidCastException, PSNotSupportedException,
)
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.shouldprocess import Operation

CORE = "Microsoft.PowerShell.Core"

IN_PROCESS = "InProcess"
SESSION = "Session"
FILE_RUNSPACE = "FilePathRunspace"
COMPUTER = "ComputerName"
FILE_COMPUTER = "FilePathComputerName"
SSH_HOST = "SSHHost"
FILE_SSH_HOST = "FilePathSSHHost"
SSH_HASH = "SSHHostHashParam"
FILE_SSH_HASH = "FilePathSSHHostHash"

SCRIPT_SETS = (IN_PROCESS, SESSION, COMPUTER, SSH_HOST, SSH_HASH)
FILE_SETS = (FILE_RUNSPACE, FILE_COMPUTER, FILE_SSH_HOST, FILE_SSH_HASH)
REMOTE_SETS = (SESSION, FILE_RUNSPACE, COMPUTER, FILE_COMPUTER, SSH_HOST, FILE_SSH_HOST, SSH_HASH, FILE_SSH_HASH)
SSH_SETS = (SSH_HOST, FILE_SSH_HOST)
DEFAULT_THROTTLE = 32

SSH_CONNECTION_KEYS = ("computername", "hostname", "port", "username", "keyfilepath", "identityfilepath",
                       "subsystem", "connectingtimeout", "options")


# ------------------------------------------------------------------------------------------------
# the PSSession parameter type

def _to_session(value: Any):
    from pslark.runtime.remoting.session import PSSession
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base
    if isinstance(value, PSSession) or value is None:
        return value          # $null is left to [ValidateNotNullOrEmpty]
    from pslark.runtime.conversion import to_string
    from pslark.runtime.members import type_names
    tn = type_names(value)[0] if value is not None else "null"
    raise PSInvalidCastException(
        f'Cannot convert the "{to_string(value)}" value of type "{tn}" to type '
        f'"System.Management.Automation.Runspaces.PSSession".', error_id="ConvertToFinalInvalidCastException")


paramtypes.register_converter("PSSession", _to_session)


# ------------------------------------------------------------------------------------------------
# shared helpers

def _items(value) -> list:
    """A [string[]] / [int[]] / [hashtable[]] argument as a list (one value binds as a scalar)."""
    if value is None or value is AUTOMATION_NULL:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _spec_for_computer(name: str, port: Optional[int] = None, subsystem: Optional[str] = None):
    from pslark.runtime.remoting.transport import ConnectSpec, display_name, is_local_name
    return ConnectSpec(display_name(name), local=is_local_name(name), host=name, port=port, subsystem=subsystem)


def _spec_for_host(value: str, user: Optional[str], port: Optional[int], key_file: Optional[str], options,
                   subsystem: Optional[str], timeout: Optional[int]):
    from pslark.runtime.remoting.sshconfig import parse_host_name
    from pslark.runtime.remoting.transport import ConnectSpec
    host, host_user, host_port = parse_host_name(value)
    return ConnectSpec(host, local=False, host=host, user=host_user or user, port=host_port or port,
                       key_file=key_file, options=options, subsystem=subsystem, connecting_timeout=timeout)


class RemotingCmdlet(Cmdlet):
    """What the remoting cmdlets share: connection specs from their parameters, pwsh's errors."""

    def fq_suffix(self) -> str:
        return f"Microsoft.PowerShell.Commands.{self.cmdlet_name.replace('-', '')}Command"

    def write_record(self, record: ErrorRecord) -> None:
        """A remote or transport error keeps its own record (ConciseView shows `OpenError: [host] ...`)."""
        self.had_errors = True
        self.streams.write_error(record, self.error_action)

    replay_error = write_record

    def argument_error(self, message: str) -> None:
        exc = ArgumentException(message)
        self.throw_terminating(ErrorRecord(exc, f"Argument,{self.fq_suffix()}", "InvalidArgument", None,
                                           self.invocation))

    def not_supported(self, parameter: str) -> None:
        exc = PSNotSupportedException(
            f"The {parameter} parameter is not supported by pslark: remoting uses SSH (see 'Get-Help about_Remote').")
        self.throw_terminating(ErrorRecord(exc, f"NotSupported,{self.fq_suffix()}", "NotImplemented", parameter,
                                           self.invocation))

    def check_ssh_transport(self) -> None:
        if self.is_bound("SSHTransport") and not self.ssh_transport:
            exc = ParameterBindingException(
                "Cannot validate argument on parameter 'SSHTransport'. The argument \"False\" does not belong to the "
                "set \"true\" specified by the ValidateSet attribute. Supply an argument that is in the set and then "
                "try the command again.", error_id="ParameterArgumentValidationError")
            self.throw_terminating(ErrorRecord(exc, f"ParameterArgumentValidationError,{self.fq_suffix()}",
                                               "InvalidData", None, self.invocation))

    def ssh_connection_specs(self, tables) -> list:
        """-SSHConnection @{ ComputerName|HostName; Port; UserName; KeyFilePath|IdentityFilePath; ... }."""
        from pslark.runtime.conversion import to_string
        specs = []
        for table in _items(tables):
            values: dict[str, Any] = {}
            items = table.items() if hasattr(table, "items") else []
            for key, value in items:
                name = to_string(key).strip() if key is not None else ""
                if isinstance(value, PSObject) and value.base is not None:
                    value = value.base
                if not name or value is None or (isinstance(value, str) and not value.strip()):
                    self.argument_error("The provided SSHConnection hashtable parameter name or element is null or "
                                        "empty.")
                k = name.casefold()
                if k not in SSH_CONNECTION_KEYS:
                    self.argument_error(f"The provided SSHConnection hashtable parameter {name} is not supported.")
                values[k] = value
            if "computername" in values and "hostname" in values:
                self.argument_error("The provided SSHConnection hashtable contains both a ComputerName and HostName "
                                    "parameter.  Only one can be specified.")
            if "keyfilepath" in values and "identityfilepath" in values:
                self.argument_error("The provided SSHConnection hashtable contains both a KeyFilePath and "
                                    "IdentityFilePath parameter.  Only one can be specified.")
            host = values.get("computername", values.get("hostname"))
            if host is None:
                self.argument_error("The provided SSHConnection hashtable is missing the required ComputerName or "
                                    "HostName parameter.")
            port = values.get("port")
            timeout = values.get("connectingtimeout")
            try:
                port = int(to_string(port)) if port is not None else None
                timeout = int(to_string(timeout)) if timeout is not None else None
            except ValueError as exc:
                self.argument_error(str(exc))
            key = values.get("keyfilepath", values.get("identityfilepath"))
            specs.append(_spec_for_host(to_string(host), to_string(values["username"]) if "username" in values
                                        else None, port, to_string(key) if key is not None else None,
                                        values.get("options"), to_string(values["subsystem"]) if "subsystem" in values
                                        else None, timeout))
        return specs

    def host_specs(self) -> list:
        key_file = self.key_file_path
        if key_file:
            key_file = self.ctx.session.resolve_path(key_file) if not os.path.isabs(os.path.expanduser(key_file)) \
                else os.path.expanduser(key_file)
        names = self.names_argument("HostName", self.host_name)
        return [_spec_for_host(h, self.user_name, self.port if self.is_bound("Port") else None, key_file,
                               self.options, self.subsystem,
                               self.connecting_timeout if self.is_bound("ConnectingTimeout") else None)
                for h in names if h]

    def names_argument(self, parameter: str, value) -> list:
        """-ComputerName / -HostName values; an empty one is [ValidateNotNullOrEmpty]'s error, as in pwsh."""
        values = _items(value)
        if any(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            exc = ParameterBindingException(
                f"Cannot validate argument on parameter '{parameter}'. The argument is null, empty, or an element of "
                f"the argument collection contains a null value. Supply a collection that does not contain any null "
                f"values and then try the command again.", error_id="ParameterArgumentValidationError")
            self.throw_terminating(ErrorRecord(exc, f"ParameterArgumentValidationError,{self.fq_suffix()}",
                                               "InvalidData", None, self.invocation))
        return [str(v) for v in values]

    def sessions_argument(self) -> list:
        """-Session values; a $null among them is [ValidateNotNullOrEmpty]'s error, as in pwsh."""
        values = _items(self.session)
        if not values or any(v is None for v in values):
            exc = ParameterBindingException(
                "Cannot validate argument on parameter 'Session'. The argument is null, empty, or an element of the "
                "argument collection contains a null value. Supply a collection that does not contain any null "
                "values and then try the command again.", error_id="ParameterArgumentValidationError")
            self.throw_terminating(ErrorRecord(exc, f"ParameterArgumentValidationError,{self.fq_suffix()}",
                                               "InvalidData", None, self.invocation))
        return values

    def interactive_host(self) -> bool:
        return bool(getattr(self.ctx.host, "interactive", False))


def open_sessions(cmd: RemotingCmdlet, specs: list, names: Optional[list], throttle: int, interactive: bool):
    """Open one PSSession per spec (at most `throttle` connecting at once); errors are per computer."""
    from pslark.runtime.remoting.session import PSSession, transport_error
    from pslark.runtime.remoting.transport import LinkError, open_link
    results: list = [None] * len(specs)
    sem = threading.Semaphore(max(1, throttle))

    def work(i, spec):
        with sem:
            try:
                results[i] = open_link(spec, interactive)
            except LinkError as exc:
                results[i] = transport_error(spec.computer, exc.message, "PSSessionOpenFailed")
    threads = [threading.Thread(target=work, args=(i, s), daemon=True) for i, s in enumerate(specs)]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.05)
                cmd.ctx.check_stop()
    except BaseException:
        for r in results:
            if r is not None and not isinstance(r, ErrorRecord):
                r.abort()
        raise
    out = []
    for i, r in enumerate(results):
        if isinstance(r, ErrorRecord):
            out.append(r)
        elif r is not None:
            name = names[i] if names and i < len(names) and names[i] else None
            out.append(PSSession(r, name))
    return out


# ------------------------------------------------------------------------------------------------
# Invoke-Command

class _InvokeCommand(RemotingCmdlet):
    def begin_processing(self):
        self.inputs: list = []
        self.has_input = False
        self.check_ssh_transport()
        for param in ("Credential", "UseSSL", "InDisconnectedSession", "RemoteDebug"):
            if self.is_bound(param) and (self.bound.get(param) not in (False, None)):
                self.not_supported(param)

    def process_record(self):
        if self.expecting_input:
            if self.input_object is not AUTOMATION_NULL:
                self.inputs.append(self.input_object)
                self.has_input = True
        elif self.is_bound("InputObject"):
            self.inputs.append(self.input_object)
            self.has_input = True

    def end_processing(self):
        if self.parameter_set == IN_PROCESS:
            self._run_local()
            return
        sb_ast, text = self._script()
        ctx = self.ctx
        from pslark.runtime.wire.serialization import encode
        using = ctx.engine.using_values(ctx, sb_ast)
        message = {"script": text, "args": [encode(a) for a in _items(self.argument_list)],
                   "using": {k: encode(v) for k, v in using.items()}}
        if self.has_input:
            message["input"] = [encode(i) for i in self.inputs]
        as_job = bool(self.as_job) or self.is_bound("JobName")
        throttle = self.throttle_limit if self.is_bound("ThrottleLimit") and self.throttle_limit else DEFAULT_THROTTLE
        from pslark.runtime.remoting.session import RemoteChildJob, RemoteJob, Throttle
        limiter = Throttle(throttle)
        job = RemoteJob(text, self.job_name if self.job_name else None)
        hide = bool(self.hide_computer_name)
        interactive = not as_job and self.interactive_host()
        ps = self.parameter_set
        if ps in (SESSION, FILE_RUNSPACE):
            for session in self._usable_sessions():
                job.add_child(RemoteChildJob(text, message, limiter, hide, session=session))
        else:
            for spec in self._specs():
                job.add_child(RemoteChildJob(text, message, limiter, hide, spec=spec, interactive=interactive))
        if not job.child_jobs:
            return
        if as_job:
            ctx.get_jobs().add(job)
            job.start()
            self.write_object(job)
            return
        self._run_sync(job)

    # ---- the pieces
    def _script(self):
        if self.parameter_set in FILE_SETS:
            from pslark.runtime.wildcard import has_wildcard
            path = self.file_path
            if has_wildcard(path):
                self.throw_terminating(ErrorRecord(ArgumentException(
                    "Wildcard characters are not supported for the FilePath parameter. Specify a path without "
                    "wildcard characters."), f"WildCardErrorFilePathParameter,{self.fq_suffix()}", "InvalidArgument",
                    path, self.invocation))
            if not path.lower().endswith(".ps1"):
                self.throw_terminating(ErrorRecord(ArgumentException(
                    "The value of the FilePath parameter must be a PowerShell script file. Enter the path to a file "
                    "with a .ps1 file name extension and try the command again."),
                    f"FilePathShouldPS1Extension,{self.fq_suffix()}", "InvalidArgument", path, self.invocation))
            from pslark.runtime.cmdlets.jobs import _script_and_text
            sb_ast, text, _p = _script_and_text(self, path)
            return sb_ast, text
        return self.script_block.ast, self.script_block.text

    def _specs(self) -> list:
        ps = self.parameter_set
        if ps in (COMPUTER, FILE_COMPUTER):
            names = (self.names_argument("ComputerName", self.computer_name) if self.is_bound("ComputerName")
                     else ["localhost"])
            port = self.port if self.is_bound("Port") else None
            subsystem = self.configuration_name or None
            return [_spec_for_computer(n, port, subsystem) for n in names if n]
        if ps in SSH_SETS:
            return self.host_specs()
        return self.ssh_connection_specs(self.ssh_connection)

    def _usable_sessions(self) -> list:
        out = []
        for s in self.sessions_argument():
            if s.state != "Opened":
                exc = InvalidOperationException(
                    f"Because the session state for session {s.name}, {s.instance_id}, {s.computer_name} is not "
                    f"equal to Open, you cannot run a command  in the session.  The session state is {s.state}.")
                self.write_record(ErrorRecord(exc, f"InvalidSessionState,{self.fq_suffix()}", "InvalidOperation", s,
                                              self.invocation))
                continue
            if s not in out:
                out.append(s)
        if not out:
            exc = InvalidOperationException(
                "No valid sessions were specified.  Ensure you provide valid sessions that are in the Opened state "
                "and are available to run commands.")
            self.throw_terminating(ErrorRecord(exc, f"NoValidRunspaces,{self.fq_suffix()}", "InvalidOperation", None,
                                               self.invocation))
        return out

    def _run_sync(self, job) -> None:
        """Results of every computer reach the pipeline as they arrive; Ctrl+C stops the job (closing channels)."""
        sink: "queue.Queue" = queue.Queue()
        for child in job.child_jobs:
            child.route_to(sink)
        job.start()
        ctx = self.ctx
        try:
            while True:
                try:
                    kind, item = sink.get(timeout=0.05)
                except queue.Empty:
                    ctx.check_stop()
                    if all(c.thread is None or not c.thread.is_alive() for c in job.child_jobs) and sink.empty():
                        break
                    continue
                self.replay_record(kind, item)
                if ctx.stop_event.is_set():
                    ctx.check_stop()
        except BaseException:
            job.stop()
            raise

    def _run_local(self) -> None:
        """No computer and no session: the script block runs here, in a child scope (-NoNewScope: this one)."""
        from pslark.interpreter.functions import ScriptProcessor
        from pslark.runtime.binder import CommandArgument
        from pslark.runtime.errors import InvocationInfo
        from pslark.runtime.pipeline import run_pipeline
        sb = self.script_block
        args = [CommandArgument(None, a) for a in _items(self.argument_list)]
        proc = ScriptProcessor(self.ctx, sb, args, InvocationInfo(None, sb.ast.extent),
                               new_scope=not self.no_new_scope)
        inputs = self.inputs if self.has_input else None
        run_pipeline(self.ctx, [proc], self.write_object, inputs)


InvokeCommand = cmdlet("Invoke-Command", aliases=("icm",), default_set=IN_PROCESS, module=CORE)(type(
    "InvokeCommand", (_InvokeCommand,), dict(
        script_block=Parameter("scriptblock", position=1, mandatory=True, aliases=("Command",), sets=SCRIPT_SETS,
                               per_set={IN_PROCESS: {"position": 0}}),
        file_path=Parameter("string", position=1, mandatory=True, aliases=("PSPath",), sets=FILE_SETS),
        computer_name=Parameter("string[]", position=0, aliases=("Cn",), sets=(COMPUTER, FILE_COMPUTER),
                                validate_not_null_or_empty=True),
        session=Parameter("PSSession[]", position=0, sets=(SESSION, FILE_RUNSPACE), validate_not_null_or_empty=True),
        host_name=Parameter("string[]", mandatory=True, sets=SSH_SETS, validate_not_null_or_empty=True),
        ssh_connection=Parameter("hashtable[]", name="SSHConnection", mandatory=True, sets=(SSH_HASH, FILE_SSH_HASH),
                                 validate_not_null_or_empty=True),
        user_name=Parameter("string", sets=SSH_SETS),
        key_file_path=Parameter("string", aliases=("IdentityFilePath",), sets=SSH_SETS),
        subsystem=Parameter("string", sets=SSH_SETS, default="pslark"),
        connecting_timeout=Parameter("int", sets=SSH_SETS),
        ssh_transport=Parameter("switch", name="SSHTransport", sets=SSH_SETS),
        options=Parameter("hashtable", sets=SSH_SETS),
        port=Parameter("int", sets=(COMPUTER, FILE_COMPUTER, SSH_HOST), validate_range=(1, 65535)),
        throttle_limit=Parameter("int", sets=(SESSION, FILE_RUNSPACE, COMPUTER, FILE_COMPUTER),
                                 default=DEFAULT_THROTTLE),
        as_job=Parameter("switch", sets=REMOTE_SETS),
        hide_computer_name=Parameter("switch", aliases=("HCN",), sets=REMOTE_SETS),
        job_name=Parameter("string", sets=(FILE_RUNSPACE, SESSION, COMPUTER, FILE_COMPUTER, SSH_HOST, SSH_HASH),
                           validate_not_null_or_empty=True),
        configuration_name=Parameter("string", sets=(COMPUTER, FILE_COMPUTER), by_property_name=True),
        credential=Parameter("object", sets=(COMPUTER, FILE_COMPUTER), by_property_name=True),
        use_ssl=Parameter("switch", name="UseSSL", sets=(COMPUTER, FILE_COMPUTER)),
        in_disconnected_session=Parameter("switch", aliases=("Disconnected",), sets=(COMPUTER, FILE_COMPUTER)),
        remote_debug=Parameter("switch", sets=REMOTE_SETS),
        no_new_scope=Parameter("switch", sets=(IN_PROCESS,)),
        input_object=Parameter("psobject", pipeline=True),
        argument_list=Parameter("object[]", aliases=("Args",)),
    )))


# ------------------------------------------------------------------------------------------------
# New-PSSession

class _NewPSSession(RemotingCmdlet):
    def begin_processing(self):
        self.check_ssh_transport()
        for param in ("Credential", "UseSSL"):
            if self.is_bound(param) and (self.bound.get(param) not in (False, None)):
                self.not_supported(param)

    def end_processing(self):
        from pslark.runtime.remoting.session import session_repository
        ps = self.parameter_set
        if ps == "Session":
            specs = [s.link.spec for s in self.sessions_argument()]
        elif ps == SSH_HOST:
            specs = self.host_specs()
        elif ps == SSH_HASH:
            specs = self.ssh_connection_specs(self.ssh_connection)
        else:
            names = (self.names_argument("ComputerName", self.computer_name) if self.is_bound("ComputerName")
                     else ["localhost"])
            port = self.port if self.is_bound("Port") else None
            specs = [_spec_for_computer(n, port, self.configuration_name or None) for n in names if n]
        throttle = self.throttle_limit if self.is_bound("ThrottleLimit") and self.throttle_limit else DEFAULT_THROTTLE
        repo = session_repository(self.ctx)
        for item in open_sessions(self, specs, _items(self.name), throttle, self.interactive_host()):
            if isinstance(item, ErrorRecord):
                self.write_record(item)
            else:
                repo.add(item)
                self.write_object(item)


NewPSSession = cmdlet("New-PSSession", aliases=("nsn",), default_set=COMPUTER, module=CORE)(type(
    "NewPSSession", (_NewPSSession,), dict(
        computer_name=Parameter("string[]", position=0, aliases=("Cn",), sets=(COMPUTER,),
                                validate_not_null_or_empty=True),
        session=Parameter("PSSession[]", position=0, sets=("Session",), validate_not_null_or_empty=True),
        host_name=Parameter("string[]", position=0, mandatory=True, sets=(SSH_HOST,),
                            validate_not_null_or_empty=True),
        ssh_connection=Parameter("hashtable[]", name="SSHConnection", mandatory=True, sets=(SSH_HASH,),
                                 validate_not_null_or_empty=True),
        name=Parameter("string[]"),
        user_name=Parameter("string", sets=(SSH_HOST,)),
        key_file_path=Parameter("string", aliases=("IdentityFilePath",), sets=(SSH_HOST,)),
        subsystem=Parameter("string", sets=(SSH_HOST,), default="pslark"),
        connecting_timeout=Parameter("int", sets=(SSH_HOST,)),
        ssh_transport=Parameter("switch", name="SSHTransport", sets=(SSH_HOST,)),
        options=Parameter("hashtable", sets=(SSH_HOST,)),
        port=Parameter("int", sets=(COMPUTER, SSH_HOST), validate_range=(1, 65535)),
        throttle_limit=Parameter("int", sets=(COMPUTER, "Session"), default=DEFAULT_THROTTLE),
        configuration_name=Parameter("string", sets=(COMPUTER,), by_property_name=True),
        credential=Parameter("object", sets=(COMPUTER,), by_property_name=True),
        use_ssl=Parameter("switch", name="UseSSL", sets=(COMPUTER,)),
    )))


# ------------------------------------------------------------------------------------------------
# Get-PSSession / Remove-PSSession

class _SessionSelector(RemotingCmdlet):
    """Finding sessions by Id, Name, InstanceId, ComputerName, as pwsh's PSRunspaceCmdlet does."""

    def _not_found(self, message: str, error_id: str, target: Any) -> None:
        exc = PSArgumentException(message)
        self.write_record(ErrorRecord(exc, f"{error_id},{self.fq_suffix()}", "InvalidArgument", target,
                                      self.invocation))

    def matching(self) -> list:
        from pslark.runtime.remoting.session import session_repository
        from pslark.runtime.wildcard import has_wildcard, wildcard_match
        sessions = session_repository(self.ctx).sessions()
        ps = self.parameter_set
        out: list = []
        if ps == "Id" and self.id:
            for i in _items(self.id):
                found = [s for s in sessions if s.id == i]
                if not found:
                    self._not_found(f"The remote session with the session ID {i} is not available.",
                                    "RemoteRunspaceNotAvailableForSpecifiedSessionId", i)
                out += [s for s in found if s not in out]
        elif ps == "Name" and self.name:
            for n in _items(self.name):
                found = [s for s in sessions if wildcard_match(n, s.name)]
                if not found and not has_wildcard(n):
                    self._not_found(f"The remote session with the name {n}  is not available.",
                                    "RemoteRunspaceNotAvailableForSpecifiedName", n)
                out += [s for s in found if s not in out]
        elif ps == "InstanceId" and self.instance_id:
            for g in _items(self.instance_id):
                found = [s for s in sessions if s.instance_id == g]
                if not found:
                    self._not_found(f"Remote session is not available for {g}.",
                                    "RemoteRunspaceNotAvailableForSpecifiedRunspaceId", g)
                out += [s for s in found if s not in out]
        elif ps == COMPUTER and self.computer_name:
            for n in _items(self.computer_name):
                found = [s for s in sessions if wildcard_match(n, s.computer_name)]
                if not found and not has_wildcard(n):
                    self._not_found(f"Remote session is not available for ComputerName {n}.",
                                    "RemoteRunspaceNotAvailableForSpecifiedComputer", n)
                out += [s for s in found if s not in out]
        elif ps == "Session":
            out = self.sessions_argument()
        else:
            out = sessions
        return out


_STATE_FILTER = {"all": None, "open": "Opened", "opened": "Opened", "closed": "Closed", "broken": "Broken",
                 "disconnected": "Disconnected"}


class _GetPSSession(_SessionSelector):
    def process_record(self):
        sessions = self.matching()
        if self.is_bound("State") and self.state:
            wanted = _STATE_FILTER.get(str(self.state).casefold())
            if wanted is not None:
                sessions = [s for s in sessions if s.state == wanted]
        for s in sessions:
            self.write_object(s)


GetPSSession = cmdlet("Get-PSSession", aliases=("gsn",), default_set="Name", module=CORE)(type(
    "GetPSSession", (_GetPSSession,), dict(
        computer_name=Parameter("string[]", position=0, mandatory=True, aliases=("Cn",), sets=(COMPUTER,),
                                by_property_name=True),
        name=Parameter("string[]", sets=("Name", COMPUTER), validate_not_null_or_empty=True),
        id=Parameter("int[]", position=0, mandatory=True, sets=("Id",), validate_not_null=True),
        instance_id=Parameter("guid[]", sets=("InstanceId",), validate_not_null_or_empty=True),
        state=Parameter("string", validate_set=("All", "Open", "Disconnected", "Closed", "Broken")),
    )))


class _RemovePSSession(_SessionSelector):
    operations = {"remove": Operation("Remove")}      # ShouldProcess(ComputerName, "Remove")

    def process_record(self):
        from pslark.runtime.remoting import interactive
        from pslark.runtime.remoting.session import session_repository
        repo = session_repository(self.ctx)
        for s in self.matching():
            if not self.should_process("remove", s.computer_name):
                continue
            if interactive.current(self.ctx) is s:
                interactive.pop(self.ctx)
            s.close()
            repo.remove(s)


RemovePSSession = cmdlet("Remove-PSSession", aliases=("rsn",), default_set="Id", module=CORE,
                         should_process=True)(type(
    "RemovePSSession", (_RemovePSSession,), dict(
        id=Parameter("int[]", position=0, mandatory=True, sets=("Id",), by_property_name=True,
                     validate_not_null=True),
        session=Parameter("PSSession[]", position=0, mandatory=True, pipeline=True, sets=("Session",),
                          by_property_name=True),
        instance_id=Parameter("guid[]", mandatory=True, sets=("InstanceId",), by_property_name=True,
                              validate_not_null_or_empty=True),
        name=Parameter("string[]", mandatory=True, sets=("Name",), by_property_name=True,
                       validate_not_null_or_empty=True),
        computer_name=Parameter("string[]", position=0, mandatory=True, aliases=("Cn",), sets=(COMPUTER,),
                                validate_not_null_or_empty=True),
    )))


# ------------------------------------------------------------------------------------------------
# Enter-PSSession / Exit-PSSession

class _EnterPSSession(RemotingCmdlet):
    def end_processing(self):
        from pslark.runtime.remoting import interactive
        from pslark.runtime.remoting.session import session_repository
        self.check_ssh_transport()
        if self.is_bound("Credential") and self.credential is not None:
            self.not_supported("Credential")
        if not self.interactive_host():
            self.throw_terminating(ErrorRecord(
                ArgumentException("The host does not support Enter-PSSession and Exit-PSSession."),
                f"HostDoesNotSupportPushRunspace,{self.fq_suffix()}", "InvalidArgument", None, self.invocation))
        if interactive.in_session(self.ctx):
            self.throw_terminating(ErrorRecord(
                InvalidOperationException("You are currently in a PowerShell PSSession and cannot use the "
                                          "Enter-PSSession cmdlet to enter another PSSession."),
                f"RemoteHostDoesNotSupportPushRunspace,{self.fq_suffix()}", "InvalidArgument", None,
                self.invocation))
        ps = self.parameter_set
        repo = session_repository(self.ctx)
        session = None
        temporary = False
        if ps in ("Session", "Id", "Name", "InstanceId"):
            sessions = repo.sessions()
            if ps == "Session":
                session = self.session
                if session is None:
                    self.sessions_argument()
            elif ps == "Id":
                session = next((s for s in sessions if s.id == self.id), None)
                if session is None:
                    self._missing(f"The remote session with the session ID {self.id} is not available.",
                                  "RemoteRunspaceNotAvailableForSpecifiedSessionId", self.id)
            elif ps == "Name":
                session = next((s for s in sessions if s.name.casefold() == str(self.name).casefold()), None)
                if session is None:
                    self._missing(f"The remote session with the name {self.name}  is not available.",
                                  "RemoteRunspaceNotAvailableForSpecifiedName", self.name)
            else:
                session = next((s for s in sessions if s.instance_id == self.instance_id), None)
                if session is None:
                    self._missing(f"Remote session is not available for {self.instance_id}.",
                                  "RemoteRunspaceNotAvailableForSpecifiedRunspaceId", self.instance_id)
            if session.state != "Opened":
                self.throw_terminating(ErrorRecord(InvalidOperationException("Session must be open."),
                                                   f"PushedRunspaceMustBeOpen,{self.fq_suffix()}",
                                                   "InvalidArgument", session, self.invocation))
        else:
            if ps == SSH_HOST:
                specs = self.host_specs()
            else:
                port = self.port if self.is_bound("Port") else None
                name = self.names_argument("ComputerName", self.computer_name)[0]
                specs = [_spec_for_computer(name, port, self.configuration_name or None)]
            results = open_sessions(self, specs, None, 1, True)
            if not results:
                return
            if isinstance(results[0], ErrorRecord):
                record = results[0]
                record.fully_qualified_error_id = "CreateRemoteRunspaceFailed"
                self.throw_terminating(record)
            session = results[0]
            temporary = True
            repo.add(session)
        interactive.push(self.ctx, session, temporary)

    def _missing(self, message: str, error_id: str, target: Any) -> None:
        self.throw_terminating(ErrorRecord(PSArgumentException(message), f"{error_id},{self.fq_suffix()}",
                                           "InvalidArgument", target, self.invocation))


EnterPSSession = cmdlet("Enter-PSSession", aliases=("etsn",), default_set=COMPUTER, module=CORE)(type(
    "EnterPSSession", (_EnterPSSession,), dict(
        computer_name=Parameter("string", position=0, mandatory=True, aliases=("Cn",), sets=(COMPUTER,),
                                validate_not_null_or_empty=True),
        session=Parameter("PSSession", position=0, pipeline=True, by_property_name=True, sets=("Session",)),
        id=Parameter("int", position=0, by_property_name=True, sets=("Id",)),
        name=Parameter("string", sets=("Name",)),
        instance_id=Parameter("guid", sets=("InstanceId",)),
        host_name=Parameter("string", position=0, mandatory=True, sets=(SSH_HOST,), validate_not_null_or_empty=True),
        user_name=Parameter("string", sets=(SSH_HOST,)),
        key_file_path=Parameter("string", aliases=("IdentityFilePath",), sets=(SSH_HOST,)),
        subsystem=Parameter("string", sets=(SSH_HOST,), default="pslark"),
        connecting_timeout=Parameter("int", sets=(SSH_HOST,)),
        ssh_transport=Parameter("switch", name="SSHTransport", sets=(SSH_HOST,)),
        options=Parameter("hashtable", sets=(SSH_HOST,)),
        port=Parameter("int", sets=(COMPUTER, SSH_HOST), validate_range=(1, 65535)),
        configuration_name=Parameter("string", sets=(COMPUTER,), by_property_name=True),
        credential=Parameter("object", sets=(COMPUTER,), by_property_name=True),
    )))


class _ExitPSSession(RemotingCmdlet):
    def end_processing(self):
        from pslark.runtime.remoting import interactive
        if interactive.in_session(self.ctx):
            interactive.pop(self.ctx)


ExitPSSession = cmdlet("Exit-PSSession", aliases=("exsn",), module=CORE)(type("ExitPSSession", (_ExitPSSession,), {}))
