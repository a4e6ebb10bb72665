"""PSSession objects (one link = one remote runspace) and the RemoteJob that Invoke-Command builds.

A RemoteJob (PSJobTypeName RemoteJob, Location = the computers joined by ',') has one child per computer or
session. Each child runs on its own thread: it waits for a throttle slot (-ThrottleLimit = connections at
once), opens its link (or uses the session's), sends the invocation and feeds the replies into its streams.
A failure (unreachable host, refused key, lost connection) fails that child only, with an OpenError naming
the host. Synchronous Invoke-Command uses the same children with their streams routed into one queue, so
results of several hosts reach the pipeline in the order they arrive.
"""
from __future__ import annotations

import atexit
import itertools
import queue
import threading
import time
import uuid
import weakref
from typing import Any, Optional

from pslark.runtime.errors import ErrorRecord, PSRemotingTransportException
from pslark.runtime.jobs.model import DataCollection, Job
from pslark.runtime.jobs.processjob import InvocationHandler, decorate_result
from pslark.runtime.remoting.transport import ConnectSpec, Link, LinkError, open_link
from pslark.runtime.wire.protocol import ProtocolError

SESSION_TYPE = "System.Management.Automation.Runspaces.PSSession"
BROKEN_ID = "PSSessionStateBroken"

_CHILDREN: "weakref.WeakSet[RemoteChildJob]" = weakref.WeakSet()


def _end_children() -> None:
    """At exit: stop remote children still running and give their threads a moment to close links."""
    from pslark.runtime.remoting.transport import _close_all
    children = [c for c in list(_CHILDREN) if c.thread is not None and c.thread.is_alive()]
    for child in children:
        child.stop_requested = True
    _close_all()
    deadline = time.monotonic() + 2.0
    for child in children:
        child.thread.join(max(0.0, deadline - time.monotonic()))


atexit.register(_end_children)

_session_lock = threading.Lock()
_session_ids = itertools.count(1)


def _next_session_id() -> int:
    with _session_lock:
        return next(_session_ids)


def transport_error(computer: str, message: str, error_id: str = BROKEN_ID, target: Any = None) -> ErrorRecord:
    """`OpenError: [computer] message` (a PSRemotingTransportException, as pwsh reports broken connections)."""
    exc = PSRemotingTransportException(f"[{computer}] {message}")
    record = ErrorRecord(exc, error_id, "OpenError", target)
    record.serialized_extras = {"PSComputerName": computer}
    exc.error_record = record
    return record


# ------------------------------------------------------------------------------------------------
# PSSession

class RemoteRunspaceInfo:
    """$session.Runspace: the remote runspace's identity and connection (a read-only snapshot)."""

    type_names = ["System.Management.Automation.RemoteRunspace", "System.Management.Automation.Runspaces.Runspace",
                  "System.Object"]
    ps_properties = ("Name", "Id", "InstanceId", "ComputerName", "RunspaceStateInfo", "RunspaceAvailability",
                     "OriginalConnectionInfo")

    def __init__(self, session: "PSSession"):
        self.session = session

    def ps_get(self, name: str):
        s = self.session
        key = name.casefold()
        if key == "name":
            return s.name
        if key == "id":
            return s.id
        if key == "instanceid":
            return s.instance_id
        if key == "computername":
            return s.computer_name
        if key == "runspacestateinfo":
            return s.state
        if key == "runspaceavailability":
            return s.availability
        if key == "originalconnectioninfo":
            return None
        raise AttributeError(name)

    def __str__(self):
        return "System.Management.Automation.RemoteRunspace"


class PSSession:
    """System.Management.Automation.Runspaces.PSSession: a persistent connection to one remote runspace."""

    type_names = [SESSION_TYPE, "System.Object"]
    ps_properties = ("State", "IdleTimeout", "OutputBufferingMode", "DisconnectedOn", "ExpiresOn", "ComputerType",
                     "ComputerName", "ContainerId", "VMName", "VMId", "ConfigurationName", "InstanceId", "Id",
                     "Name", "Availability", "ApplicationPrivateData", "Runspace", "Transport")

    def __init__(self, link: Link, name: Optional[str] = None, configuration: str = "DefaultShell"):
        self.id = _next_session_id()
        self.name = name or f"Runspace{self.id}"
        self.link = link
        self.computer_name = link.computer
        self.configuration_name = configuration
        try:
            self.instance_id = uuid.UUID(link.runspace_id) if link.runspace_id else uuid.uuid4()
        except ValueError:
            self.instance_id = uuid.uuid4()
        self.closed = False
        self.broken_reason: Optional[str] = None
        self.busy = 0
        self.lock = threading.Lock()
        self.prompt_location = ""
        link.on_lost.append(self._lost)

    def _lost(self, reason: str) -> None:
        if not self.closed:
            self.broken_reason = reason

    @property
    def state(self) -> str:
        if self.closed:
            return "Closed"
        if self.broken_reason is not None or self.link.closed.is_set():
            return "Broken"
        return "Opened"

    @property
    def availability(self) -> str:
        if self.state != "Opened":
            return "None"
        return "Busy" if self.busy else "Available"

    @property
    def transport(self) -> str:
        return self.link.transport_name

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.link.close()
        except Exception:   # closing a broken link is best effort
            pass

    def ps_get(self, name: str):
        key = name.casefold()
        values = {
            "state": lambda: self.state, "idletimeout": lambda: -1, "outputbufferingmode": lambda: "None",
            "disconnectedon": lambda: None, "expireson": lambda: None, "computertype": lambda: "RemoteMachine",
            "computername": lambda: self.computer_name, "containerid": lambda: None, "vmname": lambda: None,
            "vmid": lambda: None, "configurationname": lambda: self.configuration_name,
            "instanceid": lambda: self.instance_id, "id": lambda: self.id, "name": lambda: self.name,
            "availability": lambda: self.availability, "applicationprivatedata": lambda: None,
            "runspace": lambda: RemoteRunspaceInfo(self), "transport": lambda: self.transport,
        }
        getter = values.get(key)
        if getter is None:
            raise AttributeError(name)
        return getter()

    def ps_set(self, name: str, value: Any) -> bool:
        if name.casefold() == "name":
            self.name = str(value)
            return True
        return False

    def __str__(self):
        return f"[PSSession]{self.name}"

    def __repr__(self):
        return f"<PSSession {self.id} {self.name} {self.computer_name} {self.state}>"


class SessionRepository:
    """The PSSessions of one runspace (what Get-PSSession lists), in creation order."""

    def __init__(self):
        self._sessions: list[PSSession] = []
        self._lock = threading.Lock()

    def add(self, session: PSSession) -> None:
        with self._lock:
            self._sessions.append(session)

    def remove(self, session: PSSession) -> None:
        with self._lock:
            if session in self._sessions:
                self._sessions.remove(session)

    def sessions(self) -> list[PSSession]:
        with self._lock:
            return list(self._sessions)

    def close_all(self) -> None:
        for s in self.sessions():
            s.close()


_repo_lock = threading.Lock()


def session_repository(ctx) -> SessionRepository:
    repo = getattr(ctx, "pssessions", None)
    if repo is None:
        with _repo_lock:
            repo = getattr(ctx, "pssessions", None)
            if repo is None:
                repo = SessionRepository()
                ctx.pssessions = repo
    return repo


# ------------------------------------------------------------------------------------------------
# the remote job

class Throttle:
    """-ThrottleLimit: at most `limit` connections (or session commands) at once for one command."""

    def __init__(self, limit: int):
        self.limit = max(1, limit)
        self.semaphore = threading.Semaphore(self.limit)


class _QueueCollection(DataCollection):
    """A job stream that forwards everything to the synchronous Invoke-Command's queue."""

    __slots__ = ("kind", "sink")

    def __init__(self, kind: str, sink: "queue.Queue", element_type: str):
        super().__init__(element_type)
        self.kind = kind
        self.sink = sink

    def add(self, item: Any) -> None:
        self.sink.put((self.kind, item))


class RemoteHandler(InvocationHandler):
    """Feeds one invocation's replies into a child job; a lost link fails the child with pwsh's OpenError."""

    def __init__(self, job: "RemoteChildJob", link: Link, decorate):
        super().__init__(job, decorate)
        self.link = link
        self._lost_lock = threading.Lock()
        self._lost = False

    def on_message(self, message: dict) -> None:
        if self._lost:
            return
        try:
            super().on_message(message)
        except Exception as exc:   # content the decoder could not turn into values: fail this host, never crash
            self.connection_lost(f"the server sent an invalid message ({type(exc).__name__}: {exc})")

    def connection_lost(self, reason: str) -> None:
        with self._lost_lock:
            if self._lost or self.done.is_set():
                return
            self._lost = True
        child = self.job
        if not child.is_finished:
            if child.stop_requested:
                child.set_state("Stopped")
            else:
                record = transport_error(child.location, self.link.loss_message(reason))
                child.error.add(record)
                child.notify_data()
                child.set_state("Failed", record.exception)
        self.done.set()


class RemoteChildJob(Job):
    """One computer (or session) of a RemoteJob: PSRemotingChildJob with a blank PSJobTypeName."""

    job_type_name = ""
    type_names = ["System.Management.Automation.PSRemotingChildJob", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, command: str, message: dict, throttle: Throttle, hide: bool, spec: Optional[ConnectSpec] = None,
                 session: Optional[PSSession] = None, interactive: bool = False):
        location = session.computer_name if session is not None else spec.computer
        super().__init__(command, None, location)
        self.message = message
        self.throttle = throttle
        self.hide = hide
        self.spec = spec
        self.session = session
        self.interactive = interactive
        self.link: Optional[Link] = None
        self.invocation_id: Optional[int] = None
        self.handler = None
        self.stop_requested = False
        self.thread: Optional[threading.Thread] = None
        self.connection_count = 0

    def route_to(self, sink: "queue.Queue") -> None:
        """Synchronous Invoke-Command: every stream goes to one queue instead of being kept."""
        for attr in ("output", "error", "progress", "verbose", "debug", "warning", "information"):
            coll = getattr(self, attr)
            setattr(self, attr, _QueueCollection(attr, sink, coll.element_type))

    @property
    def has_more_data(self) -> bool:
        return not self.is_finished or any(len(c) for c in self.collections())

    def start(self) -> None:
        _CHILDREN.add(self)
        self.thread = threading.Thread(target=self._run, name=f"pslark-remote-{self.location}", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self.throttle.semaphore:
            if self.stop_requested:
                self.set_state("Stopped")
                return
            self.set_state("Running")
            owned = self.session is None
            session = self.session
            try:
                if owned:
                    try:
                        self.link = open_link(self.spec, self.interactive)
                    except LinkError as exc:
                        self._fail(exc.message)
                        return
                else:
                    if session.state != "Opened":
                        self._fail(session.link.loss_message(session.broken_reason or "the connection was closed"))
                        return
                    self.link = session.link
                    with session.lock:
                        session.busy += 1
                try:
                    self._invoke()
                finally:
                    if session is not None:
                        with session.lock:
                            session.busy -= 1
            finally:
                if owned and self.link is not None:
                    if self.stop_requested or self.link.closed.is_set():
                        self.link.abort()          # nothing left to say goodbye to
                    else:
                        self.link.close()

    def _invoke(self) -> None:
        link = self.link
        computer = self.location
        runspace_id = link.runspace_id
        show = not self.hide

        def decorate(value):
            return decorate_result(value, computer, runspace_id, show)
        handler = RemoteHandler(self, link, decorate)
        self.handler = handler
        if self.stop_requested:
            self.set_state("Stopped")
            return
        try:
            self.invocation_id = link.connection.invoke(handler, self.message)
        except (OSError, ProtocolError, BrokenPipeError, ValueError) as exc:
            handler.connection_lost(f"the connection failed ({exc})")
        if link.connection.closed.is_set():
            # the reader ended before our handler was registered: nobody else will tell it
            handler.connection_lost(link.connection.close_reason or "the connection was closed")
        handler.done.wait()

    def _fail(self, message: str) -> None:
        record = transport_error(self.location, message)
        self.error.add(record)
        self.notify_data()
        self.set_state("Failed", record.exception)

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        if self.state in ("Running", "NotStarted"):
            self.set_state("Stopping")
        link = self.link
        if link is not None and self.invocation_id is not None:
            link.connection.stop(self.invocation_id)
        if link is not None and self.session is None:
            link.abort()      # Stop-Job and Ctrl+C close the channel
        elif link is not None and self.handler is not None:
            self.handler.done.wait(3)
        if not self.is_finished:
            self.set_state("Stopped")

    def dispose(self) -> None:
        if self.link is not None and self.session is None:
            self.link.abort()


class RemoteJob(Job):
    """What Invoke-Command -AsJob returns: PSRemotingJob with PSJobTypeName RemoteJob."""

    job_type_name = "RemoteJob"
    type_names = ["System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, command: str, name: Optional[str] = None):
        super().__init__(command, name, "")

    def add_child(self, child: RemoteChildJob) -> None:
        child.parent = self
        self.child_jobs.append(child)
        self.location = ",".join(c.location for c in self.child_jobs)

    def start(self) -> None:
        if self.child_jobs:
            self.set_state("Running")
        else:
            self.set_state("Completed")
        for child in list(self.child_jobs):
            child.start()

    def stop(self) -> None:
        threads = []
        for child in self.child_jobs:
            t = threading.Thread(target=child.stop, daemon=True)
            t.start()
            threads.append(t)
        for t in threads:
            t.join(5)

    def join(self, timeout: Optional[float] = None) -> None:
        for child in self.child_jobs:
            if child.thread is not None:
                child.thread.join(timeout)

    def dispose(self) -> None:
        for child in self.child_jobs:
            child.dispose()
