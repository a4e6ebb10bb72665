"""Session history: Get-History, Add-History, Clear-History, Invoke-History (pwsh's History.cs) over
`ctx.history`, the list the interactive session appends each command line to."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.variables import as_list, as_str_list, text
from pslark.runtime.errors import ArgumentException, InvalidOperationException, PSException
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.shouldprocess import Operation

CORE = "Microsoft.PowerShell.Core"


class HistoryInfo:
    """Microsoft.PowerShell.Commands.HistoryInfo."""

    type_names = ["Microsoft.PowerShell.Commands.HistoryInfo", "System.Object"]
    ps_properties = ("Id", "CommandLine", "ExecutionStatus", "StartExecutionTime", "EndExecutionTime", "Duration")

    def __init__(self, hid: int, command_line: str, status: str = "Completed",
                 start: Optional[_dt.datetime] = None, end: Optional[_dt.datetime] = None):
        now = _dt.datetime.now()
        self.id = hid
        self.command_line = command_line
        self.status = status
        self.start = start or now
        self.end = end or self.start

    @property
    def duration(self) -> _dt.timedelta:
        return self.end - self.start

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "id":
            return self.id
        if key == "commandline":
            return self.command_line
        if key == "executionstatus":
            return self.status
        if key == "startexecutiontime":
            return self.start
        if key == "endexecutiontime":
            return self.end
        if key == "duration":
            return self.duration
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        if name.casefold() == "tostring":
            return self.command_line
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self.command_line

    def __str__(self):
        return self.command_line

    def __repr__(self):
        return f"HistoryInfo({self.id}, {self.command_line!r})"


def _duration_text(o, ctx) -> str:
    """The history view's Duration column (s.fff, m:ss.fff, h:mm:ss.fff, hh:mm:ss.fff)."""
    o = o.base if isinstance(o, PSObject) and o.base is not None else o
    d = getattr(o, "duration", None)
    if not isinstance(d, _dt.timedelta):
        return ""
    total = d.total_seconds()
    ms = int(round((total - int(total)) * 1000))
    secs = int(total)
    if ms == 1000:
        secs, ms = secs + 1, 0
    hours, rem = divmod(secs, 3600)
    minutes, seconds = divmod(rem, 60)
    if hours >= 10:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"
    if hours >= 1:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"
    if minutes >= 1:
        return f"{minutes}:{seconds:02d}.{ms:03d}"
    return f"{seconds}.{ms:03d}"


def _register_views() -> None:
    try:
        from pslark.runtime.formatting import Column, TableView, WideView, register_view, view_for
    except Exception:
        return
    types = ("Microsoft.PowerShell.Commands.HistoryInfo",)
    if view_for(list(types)) is not None:
        return
    register_view(TableView("history", types, (
        Column("Id", "Id", "right", 4),
        Column("Duration", _duration_text, "right", 12),
        Column("CommandLine", "CommandLine"),
    )))
    register_view(WideView("history", types, "CommandLine"))


_register_views()


def history_entries(ctx) -> list[HistoryInfo]:
    """ctx.history as HistoryInfo objects; plain command lines (from the REPL) get the next Ids."""
    hist = getattr(ctx, "history", None)
    if hist is None:
        ctx.history = hist = []
    next_id = ctx.__dict__.get("_pslark_history_next", 1)
    for i, entry in enumerate(hist):
        if not isinstance(entry, HistoryInfo):
            hist[i] = HistoryInfo(next_id, text(entry))
            next_id += 1
        else:
            next_id = max(next_id, entry.id + 1)
    ctx.__dict__["_pslark_history_next"] = next_id
    return hist


def add_history(ctx, command_line: str, status: str = "Completed", start=None, end=None) -> HistoryInfo:
    hist = history_entries(ctx)
    hid = ctx.__dict__.get("_pslark_history_next", 1)
    info = HistoryInfo(hid, command_line, status, start, end)
    hist.append(info)
    ctx.__dict__["_pslark_history_next"] = hid + 1
    limit = ctx.preference("MaximumHistoryCount", 4096)
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        limit = 4096
    if len(hist) > limit:
        del hist[:len(hist) - limit]
    return info


class _HistoryCmdlet(Cmdlet):
    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def not_found_id(self, hid: Any) -> None:
        exc = ArgumentException(f"Cannot locate history for Id {hid}.", category="ObjectNotFound", target=hid)
        self.write_error(self.error_record(exc.message, "GetHistoryNoHistoryForId", "ObjectNotFound", hid, exc))


@cmdlet("Get-History", aliases=("h", "history", "ghy"), module=CORE)
class GetHistory(_HistoryCmdlet):
    id = Parameter("long[]", position=0, pipeline=True)
    count = Parameter("int", position=1, validate_range=(0, 32767))

    def process_record(self):
        from pslark.runtime.conversion import to_int
        hist = history_entries(self.ctx)
        if self.id is not None:
            ids = [to_int(i) for i in as_list(self.id)]
            for hid in ids:
                matches = [h for h in hist if h.id == hid]
                if not matches:
                    self.not_found_id(hid)
                    continue
                if self.count is not None:
                    idx = hist.index(matches[0])
                    for h in hist[max(0, idx - self.count + 1):idx + 1]:
                        self.write_object(h)
                else:
                    self.write_object(matches[0])
            return
        entries = hist if self.count is None else (hist[-self.count:] if self.count else [])
        for h in entries:
            self.write_object(h)


@cmdlet("Add-History", module=CORE)
class AddHistory(_HistoryCmdlet):
    input_object = Parameter("psobject[]", position=0, pipeline=True)
    pass_thru = Parameter("switch")

    def process_record(self):
        from pslark.runtime.members import get_member
        for item in as_list(self.input_object):
            if item is AUTOMATION_NULL or item is None:
                continue
            base = item.base if isinstance(item, PSObject) and item.base is not None else item
            if isinstance(base, HistoryInfo):
                line, status, start, end = base.command_line, base.status, base.start, base.end
            else:
                try:
                    line = get_member(item, "CommandLine")
                except Exception:
                    line = None
                if line is None:
                    exc = InvalidOperationException(
                        "Cannot add history because the input object has a format that is not valid.",
                        category="InvalidData", target=item)
                    self.write_error(self.error_record(exc.message, "AddHistoryInvalidInput", "InvalidData", item,
                                                       exc))
                    continue
                status, start, end = "Completed", None, None
            info = add_history(self.ctx, text(line), text(status), start, end)
            if self.pass_thru:
                self.write_object(info)


@cmdlet("Clear-History", aliases=("clhy",), should_process=True, default_set="IDParameter", module=CORE)
class ClearHistory(_HistoryCmdlet):
    id = Parameter("int[]", position=0, sets=("IDParameter",))
    count = Parameter("int", position=1, validate_range=(1, 2147483647))
    command_line = Parameter("string[]", sets=("CommandLineParameter",))
    newest = Parameter("switch")
    # ShouldProcess(HistoryStrings.ClearHistoryWarning): the cmdlet's name is the operation
    operations = {"clear": Operation(None, "This command will clear all the entries from the session history.")}

    def process_record(self):
        from pslark.runtime.conversion import to_int
        if not self.should_process("clear"):
            return
        hist = history_entries(self.ctx)
        if self.parameter_set == "CommandLineParameter" and self.command_line is not None:
            from pslark.runtime.cmdlets.variables import matcher
            m = matcher(as_str_list(self.command_line))
            hits = [h for h in hist if m(h.command_line)]
            if self.count is not None:
                hits = hits[-self.count:] if self.newest else hits[:self.count]
            for h in hits:
                hist.remove(h)
            return
        if self.id is not None:
            for hid in (to_int(i) for i in as_list(self.id)):
                matches = [h for h in hist if h.id == hid]
                if not matches:
                    self.not_found_id(hid)
                    continue
                idx = hist.index(matches[0])
                if self.count is None:
                    del hist[idx]
                elif self.newest:
                    del hist[idx:idx + self.count]
                else:
                    del hist[max(0, idx - self.count + 1):idx + 1]
            return
        if self.count is not None:
            if self.newest:
                del hist[max(0, len(hist) - self.count):]
            else:
                del hist[:self.count]
            return
        hist.clear()


@cmdlet("Invoke-History", aliases=("r", "ihy"), should_process=True, module=CORE)
class InvokeHistory(_HistoryCmdlet):
    id = Parameter("string", position=0, by_property_name=True)
    operations = {"invoke": Operation(None)}          # ShouldProcess(command line)

    def process_record(self):
        hist = history_entries(self.ctx)
        entry = self.find(hist)
        if entry is None or not self.should_process("invoke", entry.command_line):
            return
        self.ctx.host.write_line(entry.command_line)
        start = _dt.datetime.now()
        status = "Failed"
        try:
            sb = self.ctx.engine.script_block_from_text(entry.command_line)
            results = sb.invoke_with([], None, new_scope=False)
            status = "Completed"
        finally:
            add_history(self.ctx, entry.command_line, status, start, _dt.datetime.now())
        for r in results:
            if r is not AUTOMATION_NULL:
                self.write_object(r)

    def find(self, hist: list) -> Optional[HistoryInfo]:
        if not hist:
            exc = InvalidOperationException("Cannot locate the most recent history.", category="ObjectNotFound")
            self.write_error(self.error_record(exc.message, "InvokeHistoryNoLastHistoryEntryFound", "ObjectNotFound",
                                               None, exc))
            return None
        if self.id is None or text(self.id) == "":
            return hist[-1]
        key = text(self.id)
        try:
            hid = int(key)
        except ValueError:
            hid = None
        if hid is not None:
            for h in hist:
                if h.id == hid:
                    return h
            self.not_found_id(hid)
            return None
        for h in reversed(hist):
            if h.command_line.casefold().startswith(key.casefold()):
                return h
        exc = ArgumentException(f"Cannot locate history for commandline {key}.", category="ObjectNotFound",
                                target=key)
        self.write_error(self.error_record(exc.message, "InvokeHistoryNoHistoryForCommandline", "ObjectNotFound",
                                           key, exc))
        return None
