"""The job object model (System.Management.Automation.Job and its kinds) with pwsh's Ids, names, states
and HasMoreData rules (shared/reference/pwsh-jobs.md §2)."""
from __future__ import annotations

import datetime
import itertools
import threading
from typing import Any, Callable, Optional

from pslark.runtime.guids import new_guid

JOB_STATES = ("NotStarted", "Running", "Completed", "Failed", "Stopped", "Blocked", "Suspended", "Disconnected",
              "Suspending", "Stopping", "AtBreakpoint")
FINISHED_STATES = frozenset({"Completed", "Failed", "Stopped"})
PERSISTENT_STATES = frozenset({"Completed", "Failed", "Stopped", "Suspended", "Disconnected"})

_id_lock = threading.Lock()
_id_counter = itertools.count(1)


def next_job_id() -> int:
    """pwsh's process-wide job id seed: every job, child jobs included, takes the next number."""
    with _id_lock:
        return next(_id_counter)


class DataCollection(list):
    """PSDataCollection<T>: a thread-safe list that is 'open' while the job can still add to it."""

    __slots__ = ("lock", "is_open", "element_type")

    def __init__(self, element_type: str = "System.Management.Automation.PSObject"):
        super().__init__()
        self.lock = threading.Lock()
        self.is_open = True
        self.element_type = element_type

    @property
    def type_names(self):
        return [f"System.Management.Automation.PSDataCollection`1[[{self.element_type}]]", "System.Object"]

    def add(self, item: Any) -> None:
        with self.lock:
            self.append(item)

    def take(self, keep: bool = False) -> list:
        with self.lock:
            items = list(self)
            if not keep:
                self.clear()
            return items

    def ps_invoke(self, name: str, args: list) -> Any:
        """PSDataCollection<T>.ReadAll(): the items, taken out of the collection (`$job.Verbose.ReadAll()`)."""
        if name.casefold() == "readall" and not args:
            return self.take()
        raise AttributeError(name)


class JobStateInfo:
    type_names = ["System.Management.Automation.JobStateInfo", "System.Object"]
    ps_properties = ("State", "Reason")

    def __init__(self, state: str = "NotStarted", reason: Any = None):
        self.state = state
        self.reason = reason

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "state":
            return self.state
        if key == "reason":
            return self.reason
        raise AttributeError(name)

    def __str__(self):
        return self.state


class Job:
    """Base job. Subclasses set the type names, PSJobTypeName and Location, and do the work."""

    job_type_name = ""
    type_names = ["System.Management.Automation.Job", "System.Object"]
    ps_properties = ("State", "HasMoreData", "StatusMessage", "Location", "Command", "JobStateInfo", "Finished",
                     "InstanceId", "Id", "Name", "ChildJobs", "PSBeginTime", "PSEndTime", "PSJobTypeName", "Output",
                     "Error", "Progress", "Verbose", "Debug", "Warning", "Information")

    def __init__(self, command: str = "", name: Optional[str] = None, location: str = "localhost"):
        self.id = next_job_id()
        self.name = name if name else f"Job{self.id}"
        self.instance_id = new_guid()
        self.command = command
        self.location = location
        self.state_info = JobStateInfo()
        self.child_jobs: list[Job] = []
        self.parent: Optional[Job] = None
        self.begin_time: Optional[datetime.datetime] = None
        self.end_time: Optional[datetime.datetime] = None
        self.status_message = ""
        self.output = DataCollection()
        self.error = DataCollection("System.Management.Automation.ErrorRecord")
        self.progress = DataCollection("System.Management.Automation.ProgressRecord")
        self.verbose = DataCollection("System.Management.Automation.VerboseRecord")
        self.debug = DataCollection("System.Management.Automation.DebugRecord")
        self.warning = DataCollection("System.Management.Automation.WarningRecord")
        self.information = DataCollection("System.Management.Automation.InformationRecord")
        self.finished = threading.Event()
        self.changed = threading.Condition()
        self.state_listeners: list[Callable[["Job"], None]] = []
        self.data_arrived = threading.Event()
        self.ready_to_remove = False

    # ---- state machine
    @property
    def state(self) -> str:
        return self.state_info.state

    def set_state(self, state: str, reason: Any = None) -> None:
        with self.changed:
            if self.state_info.state in FINISHED_STATES and state not in FINISHED_STATES:
                return
            if self.state_info.state in FINISHED_STATES and state in FINISHED_STATES:
                return
            self.state_info = JobStateInfo(state, reason)
            if state == "Running" and self.begin_time is None:
                self.begin_time = datetime.datetime.now()
            if state in FINISHED_STATES:
                if self.begin_time is None:
                    self.begin_time = datetime.datetime.now()
                self.end_time = datetime.datetime.now()
                for coll in self.collections():
                    coll.is_open = False
            self.changed.notify_all()
        if state in FINISHED_STATES:
            self.finished.set()
            self.notify_data()          # wake Receive-Job -Wait at once
        for listener in list(self.state_listeners):
            listener(self)
        if self.parent is not None:
            self.parent.child_state_changed(self)

    def child_state_changed(self, child: "Job") -> None:
        """A parent's state follows its children (Failed if any failed, Stopped if any stopped, ...)."""
        states = [c.state for c in self.child_jobs]
        if any(s == "Running" for s in states) or any(s == "Stopping" for s in states):
            if self.state == "NotStarted":
                self.set_state("Running")
            return
        if all(s in FINISHED_STATES for s in states):
            if any(s == "Failed" for s in states):
                reason = next((c.state_info.reason for c in self.child_jobs if c.state == "Failed"), None)
                self.set_state("Failed", reason)
            elif any(s == "Stopped" for s in states):
                self.set_state("Stopped")
            else:
                self.set_state("Completed")
        elif any(s == "Running" for s in states):
            self.set_state("Running")

    def collections(self) -> list[DataCollection]:
        return [self.output, self.error, self.progress, self.verbose, self.debug, self.warning, self.information]

    def notify_data(self) -> None:
        self.data_arrived.set()
        with self.changed:
            self.changed.notify_all()
        if self.parent is not None:
            self.parent.notify_data()

    # ---- pwsh properties
    @property
    def has_more_data(self) -> bool:
        if self.child_jobs:
            return any(c.has_more_data for c in self.child_jobs)
        return any(len(c) for c in self.collections())

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    def ps_get(self, name: str):
        key = name.casefold()
        getter = _JOB_PROPERTIES.get(key)
        if getter is None:
            raise AttributeError(name)
        return getter(self)

    def ps_set(self, name: str, value: Any) -> bool:
        if name.casefold() == "name":
            self.name = str(value)
            return True
        return False

    def stop(self) -> None:
        """Stop-Job: move through Stopping to Stopped (subclasses end the work)."""
        for child in self.child_jobs:
            child.stop()
        if not self.child_jobs and not self.is_finished:
            self.set_state("Stopped")

    def dispose(self) -> None:
        for child in self.child_jobs:
            child.dispose()

    def __str__(self):
        return f"{self.type_names[0]}"

    def __repr__(self):
        return f"<{type(self).__name__} {self.id} {self.name} {self.state}>"


_JOB_PROPERTIES: dict[str, Callable[[Job], Any]] = {
    "state": lambda j: j.state,
    "hasmoredata": lambda j: j.has_more_data,
    "statusmessage": lambda j: j.status_message,
    "location": lambda j: j.location,
    "command": lambda j: j.command,
    "jobstateinfo": lambda j: j.state_info,
    "finished": lambda j: j.finished,
    "instanceid": lambda j: j.instance_id,
    "id": lambda j: j.id,
    "name": lambda j: j.name,
    "childjobs": lambda j: list(j.child_jobs),
    "psbegintime": lambda j: j.begin_time,
    "psendtime": lambda j: j.end_time,
    "psjobtypename": lambda j: j.job_type_name,
    "output": lambda j: j.output,
    "error": lambda j: j.error,
    "progress": lambda j: j.progress,
    "verbose": lambda j: j.verbose,
    "debug": lambda j: j.debug,
    "warning": lambda j: j.warning,
    "information": lambda j: j.information,
}


def stream_sinks(job: Job) -> dict:
    """Streams sinks that store a running job's records in its collections (see runtime.streams.Streams)."""

    def add(collection):
        def sink(record):
            collection.add(record)
            job.notify_data()
        return sink
    return {"error": add(job.error), "warning": add(job.warning), "verbose": add(job.verbose),
            "debug": add(job.debug), "information": add(job.information), "progress": add(job.progress)}
