"""Background jobs (Start-Job, `&`): the script runs in a pslark worker process that speaks the message
protocol on its stdin/stdout. The parent BackgroundJob owns one child job that does the work, as in pwsh."""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from typing import Any, Optional

from pslark.runtime.errors import ErrorRecord, PSRemotingTransportException, RuntimeException
from pslark.runtime.jobs.model import Job
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.wire import protocol
from pslark.runtime.wire.protocol import FrameReader, FrameWriter, ProtocolError
from pslark.runtime.wire.serialization import DeserializedObject, decode, decode_error, encode



class Connection:
    """One conversation with a pslark server over a pair of byte streams (a worker's pipes, an SSH channel).

    A reader thread turns frames into calls on the handler registered for each invocation id."""

    def __init__(self, reader_stream, writer_stream, describe: str, on_close=None):
        self.reader = FrameReader(reader_stream)
        self.writer = FrameWriter(writer_stream)
        self.describe = describe
        self.handlers: dict[int, Any] = {}
        self.lock = threading.Lock()
        self.next_id = 1
        self.server_info: dict = {}
        self.closed = threading.Event()
        self.close_reason: Optional[str] = None
        self.on_close = on_close
        self.thread: Optional[threading.Thread] = None

    def handshake(self) -> dict:
        self.server_info = protocol.check_hello(self.reader.recv())
        return self.server_info

    def start_reader(self) -> None:
        self.thread = threading.Thread(target=self._read_loop, name=f"pslark-conn-{self.describe}", daemon=True)
        self.thread.start()

    def invoke(self, handler, message: dict) -> int:
        with self.lock:
            inv_id = self.next_id
            self.next_id += 1
            self.handlers[inv_id] = handler
        message = dict(message, type="invoke", id=inv_id)
        self.writer.send(message)
        return inv_id

    def stop(self, inv_id: int) -> None:
        try:
            self.writer.send({"type": "stop", "id": inv_id})
        except (OSError, ProtocolError, BrokenPipeError):
            pass

    def _read_loop(self) -> None:
        reason = None
        try:
            while True:
                message = self.reader.recv()
                if message is None:
                    reason = "the connection was closed"
                    break
                self._dispatch(message)
        except ProtocolError as exc:
            reason = f"the server sent an invalid message ({exc})"
        except (OSError, ValueError) as exc:
            reason = f"the connection failed ({exc})"
        finally:
            self.close_reason = reason
            self.closed.set()
            with self.lock:
                handlers = list(self.handlers.values())
                self.handlers.clear()
            for h in handlers:
                h.connection_lost(reason or "the connection was closed")
            if self.on_close is not None:
                self.on_close()

    def _dispatch(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "fatal":
            raise ProtocolError(protocol.text_field(message, "message", "server error"))
        inv_id = protocol.valid_id(message)
        if inv_id is None:
            return
        with self.lock:
            handler = self.handlers.get(inv_id)
        if handler is None:
            return
        if kind == "done":
            with self.lock:
                self.handlers.pop(inv_id, None)
        handler.on_message(message)

    def close(self) -> None:
        try:
            self.writer.send({"type": "close"})
        except (OSError, ProtocolError, BrokenPipeError):
            pass
        self.writer.close()


class InvocationHandler:
    """Feeds one invocation's messages into a job's collections and state."""

    def __init__(self, job: Job, decorate=None):
        self.job = job
        self.decorate = decorate          # adds PSComputerName / RunspaceId to results (remoting, Start-Job)
        self.done = threading.Event()
        self.failed_reason = None

    def on_message(self, message: dict) -> None:
        job = self.job
        kind = message.get("type")
        if kind == "output":
            for item in protocol.list_field(message, "items"):
                value = decode(item)
                if self.decorate is not None:
                    value = self.decorate(value)
                job.output.add(value)
            job.notify_data()
        elif kind == "stream":
            stream = protocol.text_field(message, "stream")
            record = message.get("record")
            self._stream(stream, record)
            job.notify_data()
        elif kind == "state":
            state = protocol.text_field(message, "state")
            if state == "Running":
                job.set_state("Running")
            elif state == "Failed":
                reason_data = message.get("reason")
                reason = None
                if isinstance(reason_data, dict):
                    record = decode_error(reason_data)
                    reason = record.exception
                    reason.error_record = record
                self.failed_reason = reason or RuntimeException("The job failed.")
        elif kind == "done":
            state = protocol.text_field(message, "state", "Completed")
            if state not in ("Completed", "Failed", "Stopped"):
                state = "Completed"
            if state == "Failed":
                job.set_state("Failed", self.failed_reason)
            else:
                job.set_state(state)
            self.done.set()

    def _stream(self, stream: str, record: Any) -> None:
        from pslark.runtime.records import (DebugRecord, HostInformationMessage, InformationRecord, ProgressRecord,
                                            VerboseRecord, WarningRecord)
        job = self.job
        if not isinstance(record, dict):
            return
        if stream == "error":
            job.error.add(decode_error(record))
        elif stream in ("warning", "verbose", "debug"):
            message = protocol.text_field(record, "message")
            klass = {"warning": WarningRecord, "verbose": VerboseRecord, "debug": DebugRecord}[stream]
            getattr(job, stream).add(klass(message))
        elif stream == "information":
            data = record.get("data")
            if record.get("host"):
                data = HostInformationMessage(protocol.text_field(record, "text"), bool(record.get("no_newline")))
            else:
                data = decode(data)
            tags = [t for t in protocol.list_field(record, "tags") if isinstance(t, str)]
            job.information.add(InformationRecord(data, protocol.text_field(record, "source"), tuple(tags)))
        elif stream == "progress":
            pr = ProgressRecord(protocol.text_field(record, "activity"), protocol.text_field(record, "status"),
                                _int(record.get("id")), _int(record.get("parent"), -1),
                                _int(record.get("percent"), -1), _int(record.get("seconds"), -1),
                                protocol.text_field(record, "operation"), bool(record.get("completed")))
            job.progress.add(pr)

    def connection_lost(self, reason: str) -> None:
        if self.done.is_set():
            return
        job = self.job
        if not job.is_finished:
            if getattr(job, "stop_requested", False):
                job.set_state("Stopped")
            else:
                exc = PSRemotingTransportException(self.lost_message(reason))
                record = ErrorRecord(exc, "JobFailure", "OpenError", None)
                exc.error_record = record
                self.record_failure(record)
                job.set_state("Failed", exc)
        self.done.set()

    def record_failure(self, record: ErrorRecord) -> None:
        """Where the record of a lost connection goes: the job's error data here; see WorkerHandler."""
        self.job.error.add(record)

    def lost_message(self, reason: str) -> str:
        return (f"There is an error processing data from the background process. Error reported: {reason}.")


def _int(value, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# ------------------------------------------------------------------------------------------------

class BackgroundChildJob(Job):
    """The child of a BackgroundJob: it runs in the worker. PSJobTypeName is blank, as in pwsh."""

    job_type_name = ""
    type_names = ["System.Management.Automation.PSRemotingChildJob", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, command: str, location: str = "localhost"):
        super().__init__(command, None, location)
        self.worker = None           # runtime.jobs.workers.Worker
        self.invocation_id: Optional[int] = None
        self.stop_requested = False
        self.failure_record: Optional[ErrorRecord] = None    # pwsh's FailureErrorRecord (see Receive-Job)
        from pslark.runtime.jobs.results import ResultsLog
        self.results = ResultsLog(self)     # Receive-Job replays the streams in arrival order, as pwsh does

    @property
    def has_more_data(self) -> bool:
        # PSRemotingChildJob: Results.IsOpen || Results.Count > 0
        return not self.is_finished or any(len(c) for c in self.collections())

    def stop(self) -> None:
        if self.is_finished:
            return
        self.stop_requested = True
        if self.state in ("Running", "NotStarted"):
            self.set_state("Stopping")
        worker = self.worker
        if worker is not None:
            if self.invocation_id is not None:
                worker.connection.stop(self.invocation_id)
            worker.kill()
        if not self.is_finished:
            self.set_state("Stopped")

    def dispose(self) -> None:
        if self.worker is not None:
            self.worker.kill()


class BackgroundJob(Job):
    """What Start-Job returns (pwsh's PSRemotingJob with PSJobTypeName BackgroundJob)."""

    job_type_name = "BackgroundJob"
    type_names = ["System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job",
                  "System.Object"]

    def __init__(self, command: str, name: Optional[str]):
        super().__init__(command, name, "localhost")
        child = BackgroundChildJob(command)
        child.parent = self
        self.child_jobs.append(child)

    def set_state(self, state: str, reason: Any = None) -> None:
        # PSRemotingJob follows its children without a reason of its own: a failure's reason is on the child
        # ($job.ChildJobs[0].JobStateInfo.Reason, about_Jobs)
        super().set_state(state, None)

    def start(self, message: dict, location: str) -> None:
        child = self.child_jobs[0]
        runspace_id = {}

        def decorate(value):
            return decorate_result(value, "localhost", runspace_id.get("id"), show_computer_name=False)
        from pslark.runtime.jobs.workers import launch_worker
        try:
            worker = launch_worker(location)
            child.worker = worker
            conn = worker.connection
            info = conn.handshake()
            runspace_id["id"] = info.get("runspace")
            handler = WorkerHandler(child, worker, decorate)
            conn.start_reader()
            child.set_state("Running")
            child.invocation_id = conn.invoke(handler, message)
        except (OSError, ProtocolError) as exc:
            reason = PSRemotingTransportException(
                f"There is an error launching the background process. Error reported: {exc}.")
            child.set_state("Failed", reason)

    def stop(self) -> None:
        for child in self.child_jobs:
            child.stop()

    def dispose(self) -> None:
        for child in self.child_jobs:
            child.dispose()


class WorkerHandler(InvocationHandler):
    def __init__(self, job, worker, decorate):
        super().__init__(job, decorate)
        self.worker = worker

    def on_message(self, message: dict) -> None:
        kind = message.get("type")
        if kind == "stream" and message.get("failure") is True:
            # the terminating error comes again as the Failed state's reason: it becomes the job's
            # FailureErrorRecord (replayed by every Receive-Job), not error data that receiving drains
            return
        super().on_message(message)
        if kind == "state" and self.failed_reason is not None:
            self.job.failure_record = getattr(self.failed_reason, "error_record", None)
        if kind == "done":
            # one job, one worker: let it go
            try:
                self.worker.connection.close()
            except OSError:
                pass

    def record_failure(self, record: ErrorRecord) -> None:
        self.job.failure_record = record

    def lost_message(self, reason: str) -> str:
        detail = self.worker.exit_detail(reason)
        return f"There is an error processing data from the background process. Error reported: {detail}."


def decorate_result(value: Any, computer: str, runspace_id: Optional[str], show_computer_name: bool) -> Any:
    """Add PSComputerName, RunspaceId and PSShowComputerName to one result, as pwsh's PSRemotingChildJob does.

    pwsh decorates every output object, plain values included: a string, number, bool, DateTime or hashtable
    comes back wrapped in a PSObject that keeps the base value (so it still acts as that value in operators,
    casts and formatting) and carries the three note properties. PSComputerName and RunspaceId are replaced
    (moved to the end); PSShowComputerName is kept when the object already has one. $null stays $null, and
    arrays sent as one object (`,@(1,2)`) stay plain lists: a wrapped list would stop enumerating in pslark.
    """
    if value is None or value is AUTOMATION_NULL or isinstance(value, (list, tuple, ErrorRecord)):
        return value
    rid = _runspace_guid(runspace_id)
    if not isinstance(value, PSObject):
        from pslark.runtime.members import type_names
        notes = (("PSComputerName", computer), ("RunspaceId", rid), ("PSShowComputerName", show_computer_name))
        return PSObject(notes, type_names(value), value)
    value.remove_property("PSComputerName")
    value.remove_property("RunspaceId")
    value.add_property("PSComputerName", computer)
    value.add_property("RunspaceId", rid)
    if not value.has_property("PSShowComputerName"):
        value.add_property("PSShowComputerName", show_computer_name)
    if isinstance(value, DeserializedObject):
        from pslark.runtime.conversion import to_bool
        show = to_bool(value.get_property("PSShowComputerName"))
        value.hidden = frozenset({"psshowcomputername"} if show else {"psshowcomputername", "pscomputername"})
    return value


@functools.lru_cache(maxsize=64)
def _runspace_guid(runspace_id: Optional[str]):
    """The RunspaceId note: the server's runspace id as a Guid (parsed once per runspace, not per result)."""
    import uuid
    try:
        return uuid.UUID(runspace_id) if runspace_id else None
    except ValueError:
        return None
