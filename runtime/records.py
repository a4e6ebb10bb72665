"""The records of the non-output streams: warning, verbose, debug, information, progress."""
from __future__ import annotations

import datetime
import os
import socket
import threading
from typing import Any, Optional


class InformationalRecord:
    """WarningRecord / VerboseRecord / DebugRecord: a message that prints as itself."""

    kind = "Informational"
    type_names = ["System.Management.Automation.InformationalRecord", "System.Object"]
    ps_properties = ("Message", "InvocationInfo", "PipelineIterationInfo")

    def __init__(self, message: str, invocation_info=None):
        self.message = message
        self.invocation_info = invocation_info

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "message":
            return self.message
        if key == "invocationinfo":
            return self.invocation_info
        if key == "pipelineiterationinfo":
            return []
        raise AttributeError(name)

    def __str__(self):
        return self.message


class WarningRecord(InformationalRecord):
    kind = "Warning"
    type_names = ["System.Management.Automation.WarningRecord"] + InformationalRecord.type_names


class VerboseRecord(InformationalRecord):
    kind = "Verbose"
    type_names = ["System.Management.Automation.VerboseRecord"] + InformationalRecord.type_names


class DebugRecord(InformationalRecord):
    kind = "Debug"
    type_names = ["System.Management.Automation.DebugRecord"] + InformationalRecord.type_names


class HostInformationMessage:
    """What Write-Host puts into the information stream (prints as its text)."""

    type_names = ["System.Management.Automation.HostInformationMessage", "System.Object"]
    ps_properties = ("Message", "NoNewLine", "ForegroundColor", "BackgroundColor")

    def __init__(self, message: str, no_newline: bool = False, foreground: Optional[str] = None,
                 background: Optional[str] = None):
        self.message = message
        self.no_newline = no_newline
        self.foreground = foreground
        self.background = background

    def ps_get(self, name: str):
        key = name.casefold()
        return {"message": self.message, "nonewline": self.no_newline, "foregroundcolor": self.foreground,
                "backgroundcolor": self.background}[key]

    def __str__(self):
        return self.message


def _user_name() -> str:
    """Environment.UserName: the account running the process (its login name on Unix)."""
    try:
        import pwd
        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or ""


_thread_numbers: dict = {}
_thread_numbers_lock = threading.Lock()


def _managed_thread_id() -> int:
    """A small number per thread, as .NET's ManagedThreadId (1 for the first thread that asks)."""
    ident = threading.get_ident()
    with _thread_numbers_lock:
        return _thread_numbers.setdefault(ident, len(_thread_numbers) + 1)


class InformationRecord:
    type_names = ["System.Management.Automation.InformationRecord", "System.Object"]
    ps_properties = ("MessageData", "Source", "TimeGenerated", "Tags", "User", "Computer", "ProcessId",
                     "NativeThreadId", "ManagedThreadId")

    def __init__(self, message_data: Any, source: str = "", tags: tuple = ()):
        self.message_data = message_data
        self.source = source
        self.tags = list(tags)
        self.time_generated = datetime.datetime.now()
        self.user = _user_name()
        self.computer = socket.gethostname()
        self.process_id = os.getpid()
        self.native_thread_id = threading.get_native_id()
        self.managed_thread_id = _managed_thread_id()

    def ps_get(self, name: str):
        key = name.casefold()
        values = {"messagedata": self.message_data, "source": self.source, "timegenerated": self.time_generated,
                  "tags": self.tags, "user": self.user, "computer": self.computer, "processid": self.process_id,
                  "nativethreadid": self.native_thread_id, "managedthreadid": self.managed_thread_id}
        return values[key]

    @property
    def is_host(self) -> bool:
        return "PSHOST" in self.tags

    def __str__(self):
        return str(self.message_data)


class ProgressRecord:
    type_names = ["System.Management.Automation.ProgressRecord", "System.Object"]
    ps_properties = ("ActivityId", "ParentActivityId", "Activity", "StatusDescription", "CurrentOperation",
                     "PercentComplete", "SecondsRemaining", "RecordType")

    def __init__(self, activity: str, status: str = "Processing", activity_id: int = 0, parent_id: int = -1,
                 percent: int = -1, seconds_remaining: int = -1, current_operation: str = "",
                 completed: bool = False):
        self.activity = activity
        self.status = status
        self.activity_id = activity_id
        self.parent_id = parent_id
        self.percent = percent
        self.seconds_remaining = seconds_remaining
        self.current_operation = current_operation
        self.completed = completed

    def ps_get(self, name: str):
        key = name.casefold()
        values = {"activityid": self.activity_id, "parentactivityid": self.parent_id, "activity": self.activity,
                  "statusdescription": self.status, "currentoperation": self.current_operation,
                  "percentcomplete": self.percent, "secondsremaining": self.seconds_remaining,
                  "recordtype": "Completed" if self.completed else "Processing"}
        return values[key]

    def __str__(self):
        return f"parent = {self.parent_id} id = {self.activity_id} act = {self.activity} stat = {self.status} " \
               f"cur = {self.current_operation} pct = {self.percent} sec = {self.seconds_remaining} " \
               f"type = {'Completed' if self.completed else 'Processing'}"
