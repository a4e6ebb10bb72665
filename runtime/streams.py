"""The six non-output streams and the preferences that decide what happens to each record.

A Streams object routes records to sinks. The default sinks display on the host; redirections (`2>&1`,
`3>file`, `*>$null`) and jobs (which collect everything) make Streams with other sinks.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from pslark.runtime.errors import ActionPreferenceStopException, ErrorRecord
from pslark.runtime.records import (
    DebugRecord, HostInformationMessage, InformationRecord, ProgressRecord, VerboseRecord, WarningRecord,
)

Sink = Callable[[Any], None]


class _Collectors(tuple):
    """The -XxxVariable collections a record goes to: the command's own and those of the commands around it."""

    def append(self, record) -> None:
        for collection in self:
            collection.append(record)


class Streams:
    """Routes error/warning/verbose/debug/information/progress records for one pipeline (or job)."""

    __slots__ = ("ctx", "error", "warning", "verbose", "debug", "information", "progress", "error_variable",
                 "warning_variable", "information_variable")

    def __init__(self, ctx, error: Optional[Sink] = None, warning: Optional[Sink] = None,
                 verbose: Optional[Sink] = None, debug: Optional[Sink] = None, information: Optional[Sink] = None,
                 progress: Optional[Sink] = None):
        self.ctx = ctx
        self.error = error
        self.warning = warning
        self.verbose = verbose
        self.debug = debug
        self.information = information
        self.progress = progress
        self.error_variable: Optional[list] = None       # -ErrorVariable collections (extra copies)
        self.warning_variable: Optional[list] = None
        self.information_variable: Optional[list] = None

    def derive(self, **sinks) -> "Streams":
        new = Streams(self.ctx, self.error, self.warning, self.verbose, self.debug, self.information, self.progress)
        # the -ErrorVariable (...) collections of the enclosing commands keep collecting (redirected or not: pwsh
        # hangs them on the output pipe the command writes to)
        new.error_variable = self.error_variable
        new.warning_variable = self.warning_variable
        new.information_variable = self.information_variable
        for name, sink in sinks.items():
            setattr(new, name, sink)
        return new

    def has_variables(self) -> bool:
        return bool(self.error_variable or self.warning_variable or self.information_variable)

    def detached(self) -> "Streams":
        """The same sinks without the enclosing commands' -XxxVariable collections: for a command that is not
        last in its pipeline (its output, and so its records, do not pass out through the enclosing command)."""
        new = self.derive()
        new.error_variable = new.warning_variable = new.information_variable = None
        return new

    def with_variable(self, stream: str, collection: list) -> "Streams":
        """Streams whose `stream` records ('error', 'warning', 'information') also go to `collection`, as well as
        to the collections already attached."""
        new = self.derive()
        attr = stream + "_variable"
        setattr(new, attr, _Collectors((collection,) + tuple(getattr(self, attr) or ())))
        return new

    def note_caught(self, record: ErrorRecord) -> None:
        """An error a try/catch caught still lands in -ErrorVariable (as in $Error)."""
        if self.error_variable is not None:
            self.error_variable.append(record)

    # ---- errors
    def write_error(self, record: ErrorRecord, action: Optional[str] = None) -> None:
        ctx = self.ctx
        if action is None:
            action = ctx.preference("ErrorActionPreference", "Continue")
        action = _norm(action)
        if action == "stop":
            exc = ActionPreferenceStopException(record.message, error_record=None)
            exc.error_record = record
            exc.inner = record.exception
            if self.error_variable is not None:
                # -ErrorVariable gets the ActionPreferenceStopException (its ErrorRecord is the error)
                self.error_variable.append(exc)
            raise exc
        ctx.last_command_failed = True
        if action == "ignore":
            return      # no trace of the error: not in $Error, not in -ErrorVariable
        if self.error_variable is not None:
            self.error_variable.append(record)
        ctx.record_error(record)
        if action == "silentlycontinue":
            return
        if self.error is not None:
            self.error(record)
        else:
            ctx.host.write_error_record(record)

    # ---- warning / verbose / debug
    def write_warning(self, message: str, action: Optional[str] = None) -> None:
        ctx = self.ctx
        if action is None:
            action = ctx.preference("WarningPreference", "Continue")
        action = _norm(action)
        record = WarningRecord(message)
        if self.warning_variable is not None:
            self.warning_variable.append(record)
        if action in ("silentlycontinue", "ignore"):
            return
        if self.warning is not None:
            self.warning(record)
        else:
            ctx.host.write_warning(message)
        if action == "stop":
            from pslark.runtime.errors import RuntimeException
            exc = ActionPreferenceStopException(
                f"The running command stopped because the preference variable \"WarningPreference\" or common "
                f"parameter is set to Stop: {message}")
            raise exc

    def write_verbose(self, message: str, flag: Optional[bool] = None) -> None:
        if not self._enabled(flag, "VerbosePreference"):
            return
        if self.verbose is not None:
            self.verbose(VerboseRecord(message))
        else:
            self.ctx.host.write_verbose(message)

    def write_debug(self, message: str, flag: Optional[bool] = None) -> None:
        if not self._enabled(flag, "DebugPreference"):
            return
        if self.debug is not None:
            self.debug(DebugRecord(message))
        else:
            self.ctx.host.write_debug(message)

    def _enabled(self, flag: Optional[bool], preference: str) -> bool:
        if flag is not None:
            return flag
        return _norm(self.ctx.preference(preference, "SilentlyContinue")) in ("continue", "inquire", "stop")

    # ---- information (Write-Information, Write-Host)
    def write_information(self, record: InformationRecord, action: Optional[str] = None, tags=()) -> None:
        ctx = self.ctx
        if self.information_variable is not None:
            self.information_variable.append(record)
        is_host = record.is_host
        if action is None:
            action = "Continue" if is_host else ctx.preference("InformationPreference", "SilentlyContinue")
        action = _norm(action)
        if action == "ignore":
            return
        if self.information is not None:
            # collected (job, redirection): keep it even when it would not display
            self.information(record)
            return
        if action == "silentlycontinue":
            return
        data = record.message_data
        if isinstance(data, HostInformationMessage):
            ctx.host.write_host(data)
        else:
            ctx.host.write_information(str(data))

    def write_progress(self, record: ProgressRecord) -> None:
        if _norm(self.ctx.preference("ProgressPreference", "Continue")) in ("silentlycontinue", "ignore"):
            return
        if self.progress is not None:
            self.progress(record)
        else:
            self.ctx.host.write_progress(record)


def _norm(value: Any) -> str:
    return str(value).casefold()
