"""Utility cmdlets: Get-Date, New-TimeSpan, Start-Sleep, Measure-Command, Invoke-Expression, Read-Host,
Get-Host, Clear-Host, Get-Culture / Get-UICulture, Get-Error and Select-String."""
from __future__ import annotations

import datetime
import os
import time
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.objects import (
    _as_list, base_of, get_property, is_null, property_names, to_str, to_text, type_names,
)
from pslark.runtime.errors import (
    ArgumentException, ErrorRecord, IOException, ItemNotFoundException, PSArgumentException, PSException,
    PSInvalidOperationException, ParseException,
)
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSObject
from pslark.runtime.shouldprocess import Operation

NS = "Microsoft.PowerShell.Commands."


# ------------------------------------------------------------------------------------------------
# Dates

def _to_datetime(value: Any) -> datetime.datetime:
    from pslark.runtime.conversion import to_datetime
    return to_datetime(base_of(value))


def _now() -> datetime.datetime:
    return datetime.datetime.now()


def _kind(dt: datetime.datetime) -> str:
    from pslark.runtime.clixml import datetime_kind
    return datetime_kind(dt)


def to_universal(dt: datetime.datetime) -> datetime.datetime:
    """DateTime.ToUniversalTime(): a Utc-kind value (tz-aware UTC in pslark's model)."""
    if dt.tzinfo is not None:
        return dt.astimezone(datetime.timezone.utc)
    try:
        return dt.astimezone(datetime.timezone.utc)
    except (OverflowError, ValueError, OSError):
        return dt.replace(tzinfo=datetime.timezone.utc)


def add_months(dt: datetime.datetime, months: int) -> datetime.datetime:
    """DateTime.AddMonths: the day is clamped to the target month's length."""
    import calendar
    total = dt.year * 12 + (dt.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise ArgumentException("The added or subtracted value results in an un-representable DateTime. "
                                "(Parameter 'months')")
    day = min(dt.day, calendar.monthrange(year, month)[1])
    return dt.replace(year=year, month=month, day=day)


def format_dt(dt: datetime.datetime, spec: str) -> str:
    from pslark.runtime.culture import current_culture
    from pslark.runtime.dotnet_format import format_datetime
    return format_datetime(dt, spec, current_culture())


def _iso_year_week(dt: datetime.datetime) -> tuple[int, int]:
    y, w, _ = dt.isocalendar()
    return y, w


def _dotnet_dow(dt: datetime.datetime) -> int:
    return (dt.weekday() + 1) % 7          # Sunday = 0


def uformat(dt: datetime.datetime, fmt: str) -> str:
    """Get-Date -UFormat: pwsh's strftime-like specifiers."""
    out = []
    i = 1 if fmt.startswith("+") else 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= n:
            raise PSArgumentException("Index was outside the bounds of the array.")
        s = fmt[i]
        i += 1
        doy = dt.timetuple().tm_yday
        if s == "A":
            out.append(format_dt(dt, "dddd"))
        elif s == "a":
            out.append(format_dt(dt, "ddd"))
        elif s == "B":
            out.append(format_dt(dt, "MMMM"))
        elif s in "bh":
            out.append(format_dt(dt, "MMM"))
        elif s == "C":
            out.append(str(dt.year // 100))
        elif s == "c":
            out.append(format_dt(dt, "ddd") + " " + format_dt(dt, "dd") + " " + format_dt(dt, "MMM") + " " +
                       format_dt(dt, "yyyy") + " " + format_dt(dt, "HH") + ":" + format_dt(dt, "mm") + ":" +
                       format_dt(dt, "ss"))
        elif s in "Dx":
            out.append(format_dt(dt, "MM/dd/yy"))
        elif s == "d":
            out.append(format_dt(dt, "dd"))
        elif s == "e":
            out.append(f"{dt.day:>2}")
        elif s == "F":
            out.append(f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}")
        elif s == "G":
            out.append(f"{_iso_year_week(dt)[0]:04d}")
        elif s == "g":
            out.append(f"{_iso_year_week(dt)[0] % 100:02d}")
        elif s == "H":
            out.append(f"{dt.hour:02d}")
        elif s == "I":
            out.append(format_dt(dt, "hh"))
        elif s == "j":
            out.append(f"{doy:03d}")
        elif s == "k":
            out.append(f"{dt.hour:>2}")
        elif s == "l":
            out.append(f"{format_dt(dt, '%h'):>2}")
        elif s == "M":
            out.append(f"{dt.minute:02d}")
        elif s == "m":
            out.append(f"{dt.month:02d}")
        elif s == "n":
            out.append("\n")
        elif s == "p":
            out.append(format_dt(dt, "tt"))
        elif s == "R":
            out.append(format_dt(dt, "HH:mm"))
        elif s == "r":
            out.append(format_dt(dt, "hh:mm:ss tt"))
        elif s == "S":
            out.append(f"{dt.second:02d}")
        elif s == "s":
            u = to_universal(dt)
            secs = (u - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()
            out.append(str(int(round(secs))))
        elif s in "TX":
            out.append(format_dt(dt, "HH:mm:ss"))
        elif s == "t":
            out.append("\t")
        elif s == "U":
            # as pwsh 7.4 (Get-Date.Tests.ps1 expects "0" for 0030-01-01 and "13" for 2030-04-05)
            out.append(str(doy // 7))
        elif s == "u":
            dow = _dotnet_dow(dt)
            out.append(str(7 if dow == 0 else dow))
        elif s == "V":
            out.append(f"{_iso_year_week(dt)[1]:02d}")
        elif s == "W":
            out.append(str(doy // 7))
        elif s == "w":
            out.append(str(_dotnet_dow(dt)))
        elif s == "Y":
            out.append(f"{dt.year:04d}")
        elif s == "y":
            out.append(format_dt(dt, "yy"))
        elif s == "Z":
            out.append(format_dt(dt, "zz"))
        else:
            out.append(s)
    return "".join(out)


_DISPLAY_HINTS = ("Date", "Time", "DateTime")


@cmdlet("Get-Date", default_set="DateAndFormat")
class GetDate(Cmdlet):
    date = Parameter("datetime", position=0, pipeline=True, by_property_name=True, aliases=("LastWriteTime",),
                     sets=("DateAndFormat", "DateAndUFormat"))
    unix_time_seconds = Parameter("long", mandatory=True, aliases=("UnixTime",),
                                  sets=("UnixTimeSecondsAndFormat", "UnixTimeSecondsAndUFormat"),
                                  validate_range=(-62135596800, 253402300799))
    year = Parameter("int", validate_range=(1, 9999))
    month = Parameter("int", validate_range=(1, 12))
    day = Parameter("int", validate_range=(1, 31))
    hour = Parameter("int", validate_range=(0, 23))
    minute = Parameter("int", validate_range=(0, 59))
    second = Parameter("int", validate_range=(0, 59))
    millisecond = Parameter("int", validate_range=(0, 999))
    display_hint = Parameter("string", default="DateTime", validate_set=_DISPLAY_HINTS)
    u_format = Parameter("string", name="UFormat", mandatory=True,
                         sets=("DateAndUFormat", "UnixTimeSecondsAndUFormat"))
    format = Parameter("string", sets=("DateAndFormat", "UnixTimeSecondsAndFormat"))
    as_utc = Parameter("switch", name="AsUTC")

    def process_record(self):
        try:
            dt = self._date()
        except PSException as exc:
            self.throw_terminating(self.error_record(exc.message, "GetDateArgument", "InvalidArgument", None, exc))
            return
        if self.as_utc:
            dt = to_universal(dt)
        if self.u_format is not None:
            self.write_object(uformat(dt, self.u_format))
            return
        if self.format is not None:
            fmt = self.format
            key = fmt.casefold()
            if key == "filedate":
                fmt = "yyyyMMdd"
            elif key == "filedateuniversal":
                dt, fmt = to_universal(dt), "yyyyMMddZ"
            elif key == "filedatetime":
                fmt = "yyyyMMddTHHmmssffff"
            elif key == "filedatetimeuniversal":
                dt, fmt = to_universal(dt), "yyyyMMddTHHmmssffffZ"
            self.write_object(format_dt(dt, fmt))
            return
        hint = self.display_hint or "DateTime"
        hint = next((h for h in _DISPLAY_HINTS if h.casefold() == str(hint).casefold()), "DateTime")
        out = PSObject(type_names=type_names(dt), base=dt)
        out.add_property("DisplayHint", _display_hint(hint))
        self.write_object(out)

    def _date(self) -> datetime.datetime:
        if self.is_bound("Date") and self.date is not None:
            dt = _to_datetime(self.date)
        elif self.is_bound("UnixTimeSeconds"):
            epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
            dt = (epoch + datetime.timedelta(seconds=int(self.unix_time_seconds))).astimezone().replace(tzinfo=None)
        else:
            dt = _now()
        if self.is_bound("Year"):
            dt = add_months(dt, (self.year - dt.year) * 12)
        if self.is_bound("Month"):
            dt = add_months(dt, self.month - dt.month)
        if self.is_bound("Day"):
            dt = dt + datetime.timedelta(days=self.day - dt.day)
        if self.is_bound("Hour"):
            dt = dt + datetime.timedelta(hours=self.hour - dt.hour)
        if self.is_bound("Minute"):
            dt = dt + datetime.timedelta(minutes=self.minute - dt.minute)
        if self.is_bound("Second"):
            dt = dt + datetime.timedelta(seconds=self.second - dt.second)
        if self.is_bound("Millisecond"):
            dt = dt + datetime.timedelta(milliseconds=self.millisecond - dt.microsecond // 1000)
            dt = dt.replace(microsecond=(dt.microsecond // 1000) * 1000)
        return dt


def _display_hint(name: str) -> Any:
    """A Microsoft.PowerShell.Commands.DisplayHintType value (the type layer's enum when it has one)."""
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type("Microsoft.PowerShell.Commands.DisplayHintType")
        if t is not None:
            return t.convert(name)
    except Exception:   # no enum type registered: the name is displayed the same
        pass
    return name


@cmdlet("New-TimeSpan", default_set="Date")
class NewTimeSpan(Cmdlet):
    start = Parameter("datetime", position=0, by_property_name=True, aliases=("LastWriteTime",), sets=("Date",))
    end = Parameter("datetime", position=1, by_property_name=True, sets=("Date",))
    days = Parameter("int", sets=("Time",), default=0)
    hours = Parameter("int", sets=("Time",), default=0)
    minutes = Parameter("int", sets=("Time",), default=0)
    seconds = Parameter("int", sets=("Time",), default=0)
    milliseconds = Parameter("int", sets=("Time",), default=0)

    def process_record(self):
        if self.parameter_set == "Time":
            try:
                ts = datetime.timedelta(days=self.days or 0, hours=self.hours or 0, minutes=self.minutes or 0,
                                        seconds=self.seconds or 0, milliseconds=self.milliseconds or 0)
            except OverflowError:
                msg = "TimeSpan overflowed because the duration is too long."
                self.throw_terminating(self.error_record(msg, "System.ArgumentOutOfRangeException", "InvalidArgument",
                                                         None, ArgumentException(msg)))
                return
            self.write_object(ts)
            return
        now = _now()
        start = _to_datetime(self.start) if self.is_bound("Start") and self.start is not None else now
        end = _to_datetime(self.end) if self.is_bound("End") and self.end is not None else now
        self.write_object(_naive_local(end) - _naive_local(start))


def _naive_local(dt: datetime.datetime) -> datetime.datetime:
    if dt.tzinfo is None:
        return dt
    try:
        return dt.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):
        return dt.replace(tzinfo=None)


# ------------------------------------------------------------------------------------------------
# Start-Sleep, Measure-Command

SLEEP_SLICE = 0.05


def sleep_cooperatively(ctx, seconds: float, cmd: Optional[Cmdlet] = None) -> None:
    """Sleep in small slices so that Ctrl+C / Stop-Job / timeouts interrupt within 100 ms."""
    deadline = time.monotonic() + max(0.0, seconds)
    event = getattr(ctx, "stop_event", None)
    while True:
        ctx.check_stop()
        if cmd is not None and getattr(cmd, "_stopping", False):
            from pslark.runtime.errors import PipelineStoppedException
            raise PipelineStoppedException()
        left = deadline - time.monotonic()
        if left <= 0:
            return
        if event is not None:
            event.wait(min(SLEEP_SLICE, left))
        else:
            time.sleep(min(SLEEP_SLICE, left))


@cmdlet("Start-Sleep", default_set="Seconds")
class StartSleep(Cmdlet):
    seconds = Parameter("double", position=0, mandatory=True, pipeline=True, by_property_name=True,
                        sets=("Seconds",), validate_range=(0.0, 2147483.647))
    milliseconds = Parameter("int", mandatory=True, by_property_name=True, aliases=("ms",), sets=("Milliseconds",),
                             validate_range=(0, 2147483647))
    duration = Parameter("timespan", mandatory=True, pipeline=True, by_property_name=True, aliases=("ts",),
                         sets=("FromTimeSpan",))

    def begin_processing(self):
        self._stopping = False

    def process_record(self):
        if self.parameter_set == "Milliseconds":
            secs = (self.milliseconds or 0) / 1000.0
        elif self.parameter_set == "FromTimeSpan":
            from pslark.runtime.conversion import to_timespan
            td = to_timespan(base_of(self.duration))
            secs = td.total_seconds()
            if secs < 0 or secs > 2147483.647:
                msg = (f"Cannot validate argument on parameter 'Duration'. The {to_text(td)} argument is not in the "
                       f"allowed range.")
                self.throw_terminating(self.error_record(msg, "ParameterArgumentValidationError", "InvalidArgument",
                                                         None, PSArgumentException(msg)))
        else:
            from pslark.runtime.conversion import to_double
            secs = float(to_double(base_of(self.seconds))) if self.seconds is not None else 0.0
        sleep_cooperatively(self.ctx, secs, self)

    def stop_processing(self):
        self._stopping = True


@cmdlet("Measure-Command")
class MeasureCommand(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    expression = Parameter("scriptblock", position=0, mandatory=True)

    def begin_processing(self):
        from pslark.runtime.cmdlets.foreach import _DollarUnderGuard, block_runner
        self._guard = _DollarUnderGuard(self.ctx)
        self._run = block_runner(self.ctx, self.expression)
        self._elapsed = 0.0

    def process_record(self):
        item = self.input_object
        if item is AUTOMATION_NULL:
            item = None
        start = time.perf_counter()
        try:
            self._run(item, _discard)
        finally:
            self._elapsed += time.perf_counter() - start

    def end_processing(self):
        self._guard.restore(self.ctx)
        micro = int(round(self._elapsed * 1_000_000))
        self.write_object(datetime.timedelta(microseconds=micro))


def _discard(_obj: Any) -> None:
    return None


# ------------------------------------------------------------------------------------------------
# Invoke-Expression

@cmdlet("Invoke-Expression", aliases=("iex",))
class InvokeExpression(Cmdlet):
    command = Parameter("string", position=0, mandatory=True, pipeline=True)

    def process_record(self):
        text = self.command
        if is_null(text):
            return
        text = to_str(text)
        engine = self.ctx.engine
        try:
            ast = engine.parse(text, None)
        except ParseException as exc:
            eid = exc.error_id or "ParseException"
            self.throw_terminating(ErrorRecord(exc, f"{eid},{self.fq_suffix()}", "ParserError", None,
                                               self.invocation))
            return
        from pslark.runtime.scriptblock import UNSET, ScriptBlock
        sb = ScriptBlock(ast)
        try:
            from pslark.interpreter.functions import ScriptProcessor
        except ImportError:          # an embedding without the interpreter's processor: collect, then write
            for item in sb.invoke_with([], None, UNSET, UNSET, False):
                self.write_object(item)
            return
        from pslark.runtime.errors import InvocationInfo
        from pslark.runtime.pipeline import run_pipeline
        # dot-sourced (the caller's scope) and streamed: each output object goes downstream as it is written
        proc = ScriptProcessor(self.ctx, sb, [], InvocationInfo(None, ast.extent), new_scope=False)
        try:
            run_pipeline(self.ctx, [proc], self.emit)
        except PSException as exc:
            _qualify_escaping_error(exc, self.fq_suffix())
            raise


def _qualify_escaping_error(exc: PSException, suffix: str) -> None:
    """pwsh wraps a runtime error escaping a cmdlet in a CmdletInvocationException whose record's id names the
    cmdlet ('TypeNotFound,Microsoft.PowerShell.Commands.InvokeExpressionCommand'); `throw` and -ErrorAction Stop
    errors, and records a cmdlet already qualified, pass unchanged."""
    from pslark.runtime.errors import ActionPreferenceStopException
    if exc.was_thrown or isinstance(exc, ActionPreferenceStopException):
        return
    exc.escaped_cmdlet = True           # `catch [CmdletInvocationException]` applies (pwsh wraps it in one)
    record = exc.error_record
    if record is None:
        record = ErrorRecord(exc)
    if "," not in (record.fully_qualified_error_id or ","):
        record.fully_qualified_error_id = f"{record.fully_qualified_error_id},{suffix}"


# ------------------------------------------------------------------------------------------------
# Read-Host, Get-Host, Clear-Host

class SecureString:
    """System.Security.SecureString: the text is kept but never shown."""

    type_names = ["System.Security.SecureString", "System.Object"]
    ps_properties = ("Length",)

    def __init__(self, text: str):
        self._text = text

    def ps_get(self, name: str):
        if name.casefold() == "length":
            return len(self._text)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "System.Security.SecureString"

    def __str__(self):
        return "System.Security.SecureString"


def _host_can_read(host) -> bool:
    """pwsh's console host reads Read-Host input from the terminal or from redirected stdin; -NonInteractive and
    hosts without input (jobs, remoting, embedding) refuse."""
    can_read = getattr(host, "can_read", None)
    return bool(can_read()) if can_read is not None else False


@cmdlet("Read-Host")
class ReadHost(Cmdlet):
    prompt = Parameter("object", position=0, pipeline=True, remaining=True)
    as_secure_string = Parameter("switch", sets=("AsSecureString",))
    mask_input = Parameter("switch", sets=("AsString",))

    def process_record(self):
        host = self.ctx.host
        if not _host_can_read(host):
            from pslark.runtime.host import NON_INTERACTIVE
            exc = PSInvalidOperationException(NON_INTERACTIVE)
            self.throw_terminating(ErrorRecord(exc, f"System.Management.Automation.PSInvalidOperationException,"
                                                    f"{self.fq_suffix()}", "InvalidOperation", None, self.invocation))
            return
        prompt = ""
        if self.prompt is not None:
            parts = _as_list(self.prompt)
            prompt = " ".join(to_str(p) for p in parts) + ": "
        secret = bool(self.as_secure_string or self.mask_input)
        line = self._read(host, prompt, secret)
        if line is None:
            line = ""
        self.write_object(SecureString(line) if self.as_secure_string else line)

    def _read(self, host, prompt: str, secret: bool) -> Optional[str]:
        stdin = getattr(host, "stdin", None)
        if secret and stdin is not None:
            try:
                if stdin.isatty():
                    host.write_out(prompt)
                    return _read_masked(stdin, host)
            except (AttributeError, ValueError, OSError):
                pass
        reader = getattr(host, "read_line", None)
        if reader is not None and getattr(host, "interactive", False):
            return reader(prompt)
        if stdin is None:
            return None
        host.write_out(prompt)
        try:
            redirected = not stdin.isatty()
        except (AttributeError, ValueError, OSError):
            redirected = True
        line = stdin.readline()
        if not line:
            if redirected:
                host.write_out("\n")
            return None
        line = line.rstrip("\n").rstrip("\r")
        if redirected:
            # the console host echoes what it read from redirected input (Read-Host.Tests.ps1: "foo: !1")
            host.write_out(line + "\n")
        return line


def _read_masked(stdin, host) -> str:
    """Read a line without echo, showing `*` per character (Read-Host -MaskInput / -AsSecureString)."""
    import termios
    import tty
    fd = stdin.fileno()
    old = termios.tcgetattr(fd)
    chars: list[str] = []
    try:
        tty.setraw(fd)
        while True:
            ch = os.read(fd, 1).decode("utf-8", errors="replace")
            if ch in ("\r", "\n", ""):
                break
            if ch == "\x03":
                raise KeyboardInterrupt
            if ch in ("\x7f", "\b"):
                if chars:
                    chars.pop()
                    host.write_out("\b \b")
                continue
            chars.append(ch)
            host.write_out("*")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
        host.write_out("\n")
    return "".join(chars)


class HostInfo:
    """What Get-Host returns (System.Management.Automation.Internal.Host.InternalHost)."""

    type_names = ["System.Management.Automation.Internal.Host.InternalHost", "System.Management.Automation.Host.PSHost",
                  "System.Object"]
    ps_properties = ("Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "PrivateData",
                     "DebuggerEnabled", "IsRunspacePushed", "Runspace")

    def __init__(self, ctx):
        self.ctx = ctx
        self.host = ctx.host

    def ps_get(self, name: str):
        key = name.casefold()
        host = self.host
        if key == "name":
            return getattr(host, "name", "ConsoleHost")
        if key == "version":
            from pslark.runtime.runspace import _version, PS_VERSION
            return _version(PS_VERSION)
        if key == "instanceid":
            return getattr(host, "instance_id", None)
        if key == "ui":
            return getattr(host, "ui", None) or "System.Management.Automation.Internal.Host.InternalHostUserInterface"
        if key in ("currentculture", "currentuiculture"):
            from pslark.runtime.culture import current_culture
            return current_culture()
        if key == "privatedata":
            return getattr(host, "private_data", None)
        if key == "debuggerenabled":
            return True
        if key == "isrunspacepushed":
            return False
        if key == "runspace":
            return getattr(self.ctx, "runspace_info", None) or self.ctx
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "System.Management.Automation.Internal.Host.InternalHost"


@cmdlet("Join-String", default_set="default")
class JoinString(Cmdlet):
    """JoinStringCommand: the (property) values of the input, converted to text and joined into one string."""
    property = Parameter("object", position=0)
    separator = Parameter("string", position=1)
    output_prefix = Parameter("string", aliases=("op",))
    output_suffix = Parameter("string", aliases=("os",))
    single_quote = Parameter("switch", sets=("SingleQuote",))
    double_quote = Parameter("switch", sets=("DoubleQuote",))
    format_string = Parameter("string", sets=("Format",))
    use_culture = Parameter("switch")
    input_object = Parameter("psobject[]", pipeline=True)

    def begin_processing(self):
        from pslark.runtime.cmdlets.objects import PropExpr
        self._quote = "'" if self.single_quote else '"' if self.double_quote else ""
        self._parts: list = [self.output_prefix or ""]
        self._first = True
        self._expr = PropExpr(base_of(self.property)) if self.property is not None else None
        sep = self.separator
        if sep is None:
            # the Separator getter: $OFS converted to string ($null -> '')
            var = self.ctx.session.get_variable("OFS")
            ofs = var.value if var is not None else None
            sep = "" if is_null(ofs) else to_str(ofs)
        self._sep = sep

    def _text(self, value: Any) -> str:
        if self.use_culture:
            return "" if is_null(value) else to_text(value)
        return "" if is_null(value) else to_str(value)

    def process_record(self):
        items = self.input_object
        if items is None:
            return
        for item in (items if isinstance(items, list) else [items]):
            if is_null(item):
                continue
            if self._expr is None:
                value = item
            else:
                results = self._expr.get_values(item, False)
                value = results[0][0] if results else None
            if self._first:
                self._first = False
            else:
                self._parts.append(self._sep)
            if self._quote:
                self._parts.append(self._quote + self._text(value) + self._quote)
            elif not self.format_string:
                self._parts.append(self._text(value))
            else:
                from pslark.runtime.dotnet_format import composite_format
                culture = None
                if not self.use_culture:
                    from pslark.runtime.culture import invariant_culture
                    culture = invariant_culture()
                self._parts.append(composite_format(self.format_string, [value], culture))

    def end_processing(self):
        self._parts.append(self.output_suffix or "")
        self.write_object("".join(self._parts))


@cmdlet("ConvertFrom-StringData")
class ConvertFromStringData(Cmdlet):
    """ConvertFromStringDataCommand: `name = value` lines to a hashtable (escapes as a double-quoted string)."""
    string_data = Parameter("string", position=0, mandatory=True, pipeline=True, allow_empty_string=True)
    delimiter = Parameter("char", default="=")

    def process_record(self):
        from pslark.runtime.errors import PSInvalidOperationException
        data = self.string_data
        result = Hashtable()
        if is_null(data) or str(data).strip() == "":
            self.write_object(result)
            return
        delim = str(self.delimiter or "=")[:1] or "="
        for raw in str(data).replace("\r\n", "\n").split("\n"):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            idx = line.find(delim)
            if idx <= 0:
                # PSTraceSource.NewInvalidOperationException(InvalidDataLine): FullyQualifiedErrorId InvalidOperation
                msg = f"Data line '{line}' is not in 'name=value' format."
                self.throw_terminating(self.error_record(msg, "InvalidOperation", "InvalidOperation", None,
                                                         PSInvalidOperationException(msg)))
                return
            name = line[:idx].strip()
            value = _unescape_string_data(line[idx + 1:].strip())
            if name in result:
                msg = f"Data item '{name}' in line '{line}' is already defined."
                self.throw_terminating(self.error_record(msg, "InvalidOperation", "InvalidOperation", None,
                                                         PSInvalidOperationException(msg)))
                return
            result[name] = value
        self.write_object(result)


def _unescape_string_data(text: str) -> str:
    """Regex.Unescape, which ConvertFrom-StringData applies to every value."""
    import re
    simple = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "e": "\x1b",
              "0": "\0"}

    def repl(m):
        s = m.group(1)
        if s[0] == "u":
            return chr(int(s[1:], 16))
        if s[0] == "x":
            return chr(int(s[1:], 16))
        return simple.get(s, s)
    return re.sub(r"\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)", repl, text)


@cmdlet("New-TemporaryFile", should_process=True)
class NewTemporaryFile(Cmdlet):
    """NewTemporaryFileCommand: an empty tmpXXXX.tmp file in the temp directory, as a FileInfo."""

    operations = {"create": Operation(None)}          # ShouldProcess(tempPath)

    def end_processing(self):
        import tempfile
        folder = tempfile.gettempdir()
        if not self.should_process("create", folder):
            return
        fd, path = tempfile.mkstemp(prefix="tmp", suffix=".tmp", dir=folder)
        os.close(fd)
        try:
            from pslark.runtime.cmdlets.filesystem import item_object
            item = item_object(path)
        except Exception:   # noqa: BLE001 - the FileSystem layer could not describe it: the path itself
            item = path
        self.write_object(item)


@cmdlet("Get-FileHash", default_set="Path")
class GetFileHash(Cmdlet):
    """GetFileHashCommand: FileHashInfo (Algorithm, Hash, Path) for files or a stream."""
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath",))
    input_stream = Parameter("object", mandatory=True, sets=("Stream",))
    algorithm = Parameter("string", default="SHA256",
                          validate_set=("SHA1", "SHA256", "SHA384", "SHA512", "MD5"))

    def process_record(self):
        import hashlib
        from pslark.runtime.cmdlets.data import resolve_input_paths
        algo = str(self.algorithm or "SHA256").upper()
        if self.parameter_set == "Stream":
            stream = base_of(self.input_stream)
            data = stream.read() if hasattr(stream, "read") else bytes(stream)
            self.write_object(_file_hash_info(algo, hashlib.new(algo.lower(), data).hexdigest().upper(), None))
            return
        literal = self.parameter_set == "LiteralPath"
        for full in resolve_input_paths(self, _as_list(self.literal_path if literal else self.path), literal):
            if os.path.isdir(full):
                continue
            try:
                h = hashlib.new(algo.lower())
                with open(full, "rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        h.update(chunk)
            except OSError as exc:
                from pslark.runtime.errors import IOException
                msg = (f"Cannot find path '{full}' because it does not exist." if isinstance(exc, FileNotFoundError)
                       else str(exc.strerror or exc))
                self.write_error(self.error_record(msg, "FileReadError", "ReadError", full, IOException(msg)))
                continue
            self.write_object(_file_hash_info(algo, h.hexdigest().upper(), full))


def _file_hash_info(algorithm: str, digest: str, path: Optional[str]) -> PSObject:
    return PSObject([("Algorithm", algorithm), ("Hash", digest), ("Path", path)],
                    type_names=["Microsoft.Powershell.Utility.FileHash", "System.Object"])


@cmdlet("New-Guid", default_set="Default")
class NewGuid(Cmdlet):
    """NewGuidCommand: a random Guid, Guid.Empty (-Empty), or new Guid(string) for -InputObject / pipeline strings."""
    empty = Parameter("switch", sets=("Empty",))
    input_object = Parameter("string", position=0, pipeline=True, sets=("InputObject",))

    def process_record(self):
        import uuid
        if self.parameter_set == "InputObject":
            text = "" if is_null(self.input_object) else str(self.input_object).strip()
            try:
                value = uuid.UUID(text) if not text.casefold().startswith("urn:") else None
            except ValueError:
                value = None
            if value is None:
                from pslark.runtime.errors import FormatException
                msg = "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."
                self.write_error(self.error_record(msg, "StringNotRecognizedAsGuid", "InvalidArgument", None,
                                                   FormatException(msg)))
                return
            self.write_object(value)
            return
        self.write_object(uuid.UUID(int=0) if self.empty else uuid.uuid4())


@cmdlet("Get-Host")
class GetHost(Cmdlet):
    def process_record(self):
        # GetHostCommand writes this.Host: the very object $Host holds
        var = self.ctx.session.get_variable("Host")
        host = var.value if var is not None else None
        self.write_object(host if host is not None else HostInfo(self.ctx))


@cmdlet("Clear-Host", aliases=("cls",), module="Microsoft.PowerShell.Core")
class ClearHost(Cmdlet):
    def process_record(self):
        host = self.ctx.host
        if getattr(host, "ansi", False) or getattr(host, "_is_tty", False):
            host.write_out("\x1b[2J\x1b[3J\x1b[H")


# ------------------------------------------------------------------------------------------------
# Get-Culture / Get-UICulture

def _culture_by_name(name: str):
    """CultureInfo(name): a known culture, or (like .NET on ICU) a well-formed but unknown name."""
    import re
    from pslark.runtime.culture import Culture, get_culture
    c = get_culture(name)
    if c is not None:
        return c
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{2,8})*", name):
        return None
    parts = name.split("-")
    canonical = "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p
                                               for p in parts[1:]])
    lang = _LANGUAGE_NAMES.get(parts[0].lower())
    english = canonical
    if lang is not None:
        region = next((_REGION_NAMES.get(p.upper()) for p in parts[1:] if len(p) in (2, 3)), None)
        english = f"{lang} ({region})" if region else lang
    return Culture(canonical, english, lcid=4096, two_letter=parts[0].lower())


# English names .NET (ICU) gives languages and regions, for cultures pslark does not model in detail
_LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bangla", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fil": "Filipino", "fr": "French",
    "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ms": "Malay",
    "mt": "Maltese", "nb": "Norwegian Bokmål", "nl": "Dutch", "nn": "Norwegian Nynorsk", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Kiswahili", "ta": "Tamil", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "zh": "Chinese",
}
_REGION_NAMES = {
    "AE": "United Arab Emirates", "AR": "Argentina", "AT": "Austria", "AU": "Australia", "BE": "Belgium",
    "BG": "Bulgaria", "BR": "Brazil", "BY": "Belarus", "CA": "Canada", "CH": "Switzerland", "CL": "Chile",
    "CN": "China", "CO": "Colombia", "CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "EE": "Estonia",
    "EG": "Egypt", "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom", "GR": "Greece",
    "HK": "Hong Kong SAR", "HR": "Croatia", "HU": "Hungary", "ID": "Indonesia", "IE": "Ireland", "IL": "Israel",
    "IN": "India", "IR": "Iran", "IS": "Iceland", "IT": "Italy", "JP": "Japan", "KE": "Kenya", "KR": "Korea",
    "KZ": "Kazakhstan", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MD": "Moldova", "MX": "Mexico",
    "MY": "Malaysia", "NG": "Nigeria", "NL": "Netherlands", "NO": "Norway", "NZ": "New Zealand", "PE": "Peru",
    "PH": "Philippines", "PK": "Pakistan", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "RS": "Serbia",
    "RU": "Russia", "SA": "Saudi Arabia", "SE": "Sweden", "SG": "Singapore", "SI": "Slovenia", "SK": "Slovakia",
    "TH": "Thailand", "TR": "Türkiye", "TW": "Taiwan", "UA": "Ukraine", "US": "United States", "VN": "Vietnam",
    "ZA": "South Africa", "001": "world", "150": "Europe", "419": "Latin America",
}


_CULTURE_NAME = None


def _plausible_culture_name(name: str) -> bool:
    """Is `name` in the set CultureInfo.GetCultures(AllCultures) would give (ValidateCultureNamesGenerator)?
    pslark models a subset of cultures, so a well-formed language[-Script][-REGION] tag counts as one."""
    global _CULTURE_NAME
    import re
    from pslark.runtime.culture import get_culture
    if name == "" or get_culture(name) is not None:
        return True
    if _CULTURE_NAME is None:
        _CULTURE_NAME = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?")
    return bool(_CULTURE_NAME.fullmatch(name))


@cmdlet("Get-Culture", default_set="CurrentCulture")
class GetCulture(Cmdlet):
    name = Parameter("string[]", position=0, pipeline=True, sets=("Name",), validate_not_null=True)
    no_user_overrides = Parameter("switch", sets=("CurrentCulture", "Name"))
    list_available = Parameter("switch", sets=("ListAvailable",))

    def _all(self) -> list:
        from pslark.runtime import culture as C
        seen: list = []
        for c in [C.invariant_culture()] + [c for k, c in sorted(getattr(C, "_CULTURES", {}).items())]:
            if c not in seen:
                seen.append(c)
        return seen

    def process_record(self):
        from pslark.runtime import culture as C
        if self.parameter_set == "ListAvailable":
            for c in self._all():
                self.write_object(c)
            return
        if self.parameter_set == "Name" and self.name is not None:
            names = [("" if n is None else str(n)) for n in _as_list(self.name)]
            for n in names:
                if not _plausible_culture_name(n):
                    # [ValidateSet(typeof(ValidateCultureNamesGenerator))]: a binding error
                    from pslark.runtime.errors import ParameterBindingException
                    valid = ",".join(c.name for c in self._all())
                    msg = (f"Cannot validate argument on parameter 'Name'. The argument \"{n}\" does not belong to "
                           f"the set \"{valid}\" specified by the ValidateSet attribute. Supply an argument that is in "
                           f"the set and then try the command again.")
                    self.throw_terminating(self.error_record(msg, "ParameterArgumentValidationError", "InvalidData",
                                                             None, ParameterBindingException(msg)))
            current = C.current_culture()
            for n in names:
                if not self.no_user_overrides and n.casefold() == current.name.casefold():
                    self.write_object(current)
                    continue
                c = C.invariant_culture() if n == "" else _culture_by_name(n)
                if c is None:
                    msg = f"Culture is not supported. (Parameter 'name')\n{n} is an invalid culture identifier."
                    self.write_error(self.error_record(msg, "ItemNotFoundException", "ObjectNotFound", self.name,
                                                       ItemNotFoundException(msg)))
                    return
                self.write_object(c)
            return
        self.write_object(C.current_culture())


@cmdlet("Get-UICulture")
class GetUICulture(Cmdlet):
    def process_record(self):
        from pslark.runtime.culture import current_culture
        self.write_object(current_culture())


# ------------------------------------------------------------------------------------------------
# Get-Error

EXTENDED_ERROR = "System.Management.Automation.ErrorRecord#PSExtendedError"
EXTENDED_EXCEPTION = "System.Exception#PSExtendedError"

_HRESULTS = {
    "System.Exception": -2146233088, "System.SystemException": -2146233087,
    "System.ArgumentException": -2147024809, "System.ArgumentNullException": -2147467261,
    "System.ArgumentOutOfRangeException": -2146233086, "System.InvalidOperationException": -2146233079,
    "System.NotSupportedException": -2146233067, "System.NotImplementedException": -2147467263,
    "System.FormatException": -2146233033, "System.InvalidCastException": -2147467262,
    "System.OverflowException": -2146233066, "System.DivideByZeroException": -2147352558,
    "System.ArithmeticException": -2147024362, "System.IndexOutOfRangeException": -2146233080,
    "System.NullReferenceException": -2147467261, "System.TimeoutException": -2146233083,
    "System.IO.IOException": -2146232800, "System.IO.FileNotFoundException": -2147024894,
    "System.IO.DirectoryNotFoundException": -2147024893, "System.UnauthorizedAccessException": -2147024891,
    "System.OperationCanceledException": -2146233029,
}


def _hresult(exc: Any) -> int:
    names = getattr(type(exc), "type_names", None)
    chain = names() if callable(names) else [getattr(exc, "dotnet_type", "System.Exception")]
    for n in chain:
        if n in _HRESULTS:
            return _HRESULTS[n]
    return -2146233087


def _exception_props(exc: Any) -> list:
    """(name, value) of a .NET exception as Get-Error lists them."""
    dotnet = getattr(exc, "dotnet_type", "System.Exception")
    props: list = [("Type", dotnet)]
    record = getattr(exc, "error_record", None)
    if record is not None and dotnet.startswith("System.Management.Automation"):
        props.append(("ErrorRecord", _NestedRecord(record)))
    if getattr(exc, "was_thrown", False):
        props.append(("WasThrownFromThrowStatement", True))
    props.append(("Message", getattr(exc, "message", str(exc))))
    data = getattr(exc, "data", None)
    if data:
        props.append(("Data", data))
    inner = getattr(exc, "inner", None)
    if isinstance(inner, BaseException):
        props.append(("InnerException", inner))
    props.append(("HResult", _hresult(exc)))
    return props


class _NestedRecord:
    """The ErrorRecord inside a RuntimeException (shown without its own Exception)."""

    def __init__(self, record: ErrorRecord):
        self.record = record


def _record_props(record: Any, nested: bool = False) -> list:
    if isinstance(record, _NestedRecord):
        record, nested = record.record, True
    props: list = []
    exc = getattr(record, "exception", None)
    if exc is not None:
        if nested:
            props.append(("Exception", _ParentException(exc)))
        else:
            props.append(("Exception", exc))
    props.append(("TargetObject", getattr(record, "target_object", None)))
    try:
        category = record.category_info_text()
    except Exception:   # a record without category data shows none
        category = None
    props.append(("CategoryInfo", category))
    props.append(("FullyQualifiedErrorId", getattr(record, "fully_qualified_error_id", None)))
    details = getattr(record, "error_details_message", None)
    if details:
        props.append(("ErrorDetails", details))
    inv = getattr(record, "invocation_info", None)
    if inv is not None and not nested:
        props.append(("InvocationInfo", _InvocationView(inv)))
    elif inv is not None:
        props.append(("InvocationInfo", _InvocationView(inv)))
    stack = getattr(record, "script_stack_trace", None)
    props.append(("ScriptStackTrace", stack or _default_stack(inv)))
    return props


class _ParentException:
    def __init__(self, exc):
        self.exc = exc


def _default_stack(inv: Any) -> Optional[str]:
    if inv is None:
        return None
    ext = getattr(inv, "extent", None)
    if ext is None:
        return None
    where = ext.file if getattr(ext, "file", None) else "<No file>"
    return f"at <ScriptBlock>, {where}: line {ext.start_line}"


class _InvocationView:
    def __init__(self, inv):
        self.inv = inv

    def props(self) -> list:
        inv = self.inv
        props: list = []
        if inv.my_command:
            props.append(("MyCommand", inv.my_command))
        props.append(("ScriptLineNumber", inv.script_line_number))
        props.append(("OffsetInLine", inv.offset_in_line))
        props.append(("HistoryId", -1 if inv.script_name else 1))
        if inv.script_name:
            props.append(("ScriptName", inv.script_name))
        props.append(("Line", inv.line))
        props.append(("PositionMessage", inv.position_message()))
        if inv.script_name:
            props.append(("PSScriptRoot", os.path.dirname(inv.script_name)))
            props.append(("PSCommandPath", inv.script_name))
        if inv.invocation_name:
            props.append(("InvocationName", inv.invocation_name))
        props.append(("CommandOrigin", "Internal"))
        return props


def _shown(value: Any) -> bool:
    """Get-Error's filter: `$v -ne $null -and $v -ne '' -and $v.count -gt 0`."""
    if value is None or value is AUTOMATION_NULL:
        return False
    if isinstance(value, str):
        return value != ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, (list, tuple, Hashtable)):
        return len(value) > 0
    return True


def render_extended_error(obj: Any, indent: int = 0, depth: int = 1) -> str:
    """Show-ErrorRecord from pwsh's GetErrorInstance view (plain text)."""
    props = _props_for(obj)
    shown = [(n, v) for n, v in props if _shown(v) and n != "PSErrorIndex"]
    if not shown:
        return ""
    width = max(len(n) for n, _ in shown)
    prefix = " " * indent
    lines = []
    for name, value in shown:
        head = f"{prefix}{name}{' ' * (width - len(name))} : "
        nested = _is_nested(value)
        if nested:
            if depth >= 10:
                lines.append(head + "\u2026")
            else:
                inner = render_extended_error(value, indent + 4, depth + 1)
                lines.append(head + "\n" + inner)
            continue
        if name == "StackTrace":
            lines.append(head + "\n" + to_str(value))
            continue
        if isinstance(value, Hashtable):
            text = head
            for k in value.keys():
                text += f"\n{prefix}    {to_str(k)} : {to_str(value[k])}"
            lines.append(text)
            continue
        text = to_str(value) if not isinstance(value, str) else value
        if "\n" in text:
            pad = " " * (width + 3)
            parts = text.split("\n")
            text = parts[0].strip() + "".join(f"\n{prefix}{pad}{p.strip()}" for p in parts[1:])
        lines.append(head + text)
    return "\n".join(lines)


def _is_nested(value: Any) -> bool:
    return isinstance(value, (BaseException, ErrorRecord, _NestedRecord, _ParentException, _InvocationView))


def _props_for(obj: Any) -> list:
    if isinstance(obj, PSObject) and obj.base is not None:
        obj = obj.base
    if isinstance(obj, _InvocationView):
        return obj.props()
    if isinstance(obj, _ParentException):
        exc = obj.exc
        return [("Type", "System.Management.Automation.ParentContainsErrorRecordException"),
                ("Message", getattr(exc, "message", str(exc))), ("HResult", -2146233087)]
    if isinstance(obj, (ErrorRecord, _NestedRecord)):
        return _record_props(obj)
    if isinstance(obj, BaseException):
        return _exception_props(obj)
    return [(n, get_property(obj, n)[1]) for n in property_names(obj)]


def _extended_view(o, ctx) -> str:
    text = render_extended_error(o)
    # the view's script ends by giving the object its own type names back (Get-Error.Tests.ps1: after Out-String
    # the record is a plain ErrorRecord / Exception again)
    if isinstance(o, PSObject) and o.base is not None and o.type_names and \
            o.type_names[0] in (EXTENDED_ERROR, EXTENDED_EXCEPTION):
        try:
            o.type_names[:] = list(type_names(o.base))
        except Exception:   # noqa: BLE001 - keep the extended names
            pass
    return text


_VIEW_REGISTERED = False


def _register_view() -> None:
    global _VIEW_REGISTERED
    if _VIEW_REGISTERED:
        return
    _VIEW_REGISTERED = True
    try:
        from pslark.runtime.formatting import CustomView, register_view
        register_view(CustomView("GetErrorInstance", (EXTENDED_ERROR, EXTENDED_EXCEPTION), _extended_view),
                      first=True)
    except Exception:   # the formatter may not take custom views: Get-Error still returns the records
        pass


@cmdlet("Get-Error", aliases=("gerr",), default_set="Newest")
class GetError(Cmdlet):
    input_object = Parameter("psobject", pipeline=True, sets=("InputObject",))
    newest = Parameter("int", aliases=("Last",), sets=("Newest",), validate_range=(1, 2147483647))

    def begin_processing(self):
        _register_view()

    def process_record(self):
        if self.parameter_set == "InputObject":
            obj = self.input_object
            if is_null(obj):
                return
            self._write(obj)

    def end_processing(self):
        if self.parameter_set == "InputObject":
            return
        var = self.ctx.session.get_variable("global:Error")
        errors = list(var.value) if var is not None and isinstance(var.value, list) else []
        count = self.newest if self.is_bound("Newest") else 1
        for index, err in enumerate(errors[:count]):
            self._write(err, index if self.is_bound("Newest") else None)

    def _write(self, obj: Any, index: Optional[int] = None) -> None:
        b = base_of(obj)
        if isinstance(b, ErrorRecord):
            tn = [EXTENDED_ERROR, "System.Object"]
        elif isinstance(b, BaseException):
            tn = [EXTENDED_EXCEPTION, "System.Object"]
        else:
            self.write_object(obj)
            return
        out = PSObject(type_names=tn, base=b)
        if index is not None:
            out.add_property("PSErrorIndex", index)
        self.write_object(out)


# ------------------------------------------------------------------------------------------------
# Select-String

class MatchInfoContext:
    """Microsoft.PowerShell.Commands.MatchInfoContext."""

    type_names = [NS + "MatchInfoContext", "System.Object"]
    ps_properties = ("PreContext", "PostContext", "DisplayPreContext", "DisplayPostContext")

    def __init__(self, pre: list, post: list, display_pre: list, display_post: list):
        self.PreContext = pre
        self.PostContext = post
        self.DisplayPreContext = display_pre
        self.DisplayPostContext = display_post

    def ps_get(self, name: str):
        for p in self.ps_properties:
            if p.casefold() == name.casefold():
                return getattr(self, p)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return NS + "MatchInfoContext"


class MatchInfo:
    """Microsoft.PowerShell.Commands.MatchInfo."""

    type_names = [NS + "MatchInfo", "System.Object"]
    ps_properties = ("IgnoreCase", "LineNumber", "Line", "Filename", "Path", "Pattern", "Context", "Matches")

    def __init__(self, line: str, line_number: int, path: Optional[str], pattern: str, ignore_case: bool,
                 matches: list):
        self.Line = line
        self.LineNumber = line_number
        self._path = path
        self.Pattern = pattern
        self.IgnoreCase = ignore_case
        self.Matches = matches
        self.Context: Optional[MatchInfoContext] = None
        self.emphasize = True       # False for Select-String -NoEmphasis: the matches are not highlighted

    @property
    def Path(self) -> str:
        return self._path if self._path is not None else "InputStream"

    @property
    def Filename(self) -> str:
        return os.path.basename(self._path) if self._path is not None else "InputStream"

    def ps_get(self, name: str):
        key = name.casefold()
        for p in self.ps_properties:
            if p.casefold() == key:
                return getattr(self, p)
        raise AttributeError(name)

    def ps_set(self, name: str, value: Any) -> None:
        key = name.casefold()
        if key == "context":
            self.Context = value
        elif key == "line":
            self.Line = to_str(value)
        elif key == "linenumber":
            self.LineNumber = int(value)
        elif key == "pattern":
            self.Pattern = to_str(value)
        elif key == "path":
            self._path = to_str(value)
        else:
            raise AttributeError(name)

    def RelativePath(self, directory: str) -> str:
        return self._relative(directory)

    def _relative(self, directory: Optional[str]) -> str:
        from pslark.runtime.paths import under_directory
        return self.Path if self._path is None else under_directory(self.Path, directory)

    def _fmt(self, text: str, number: int, display: str, prefix: str) -> str:
        if self._path is not None:
            return f"{prefix}{display}:{number}:{text}"
        return f"{prefix}{text}"

    def ps_to_string(self, directory: Optional[str] = None) -> str:
        display = self._relative(directory) if directory is not None else self.Path
        if self.Context is None:
            return self._fmt(self.Line, self.LineNumber, display, "")
        lines = []
        n = self.LineNumber - len(self.Context.DisplayPreContext)
        for t in self.Context.DisplayPreContext:
            lines.append(self._fmt(t, n, display, "  "))
            n += 1
        lines.append(self._fmt(self.Line, n, display, "> "))
        n += 1
        for t in self.Context.DisplayPostContext:
            lines.append(self._fmt(t, n, display, "  "))
            n += 1
        return "\n".join(lines)

    def ToString(self, directory: Optional[str] = None) -> str:
        return self.ps_to_string(directory)

    def __str__(self):
        return self.ps_to_string()


class _Matcher:
    def __init__(self, cmd: "SelectString", patterns: list):
        self.cmd = cmd
        self.patterns = patterns
        self.simple = bool(cmd.simple_match)
        self.case_sensitive = bool(cmd.case_sensitive)
        culture = to_str(cmd.culture or "").casefold()
        # a Turkic culture's ignore-case comparison pairs I with dotless i and dotted I with i
        self.turkic = culture.split("-")[0] in ("tr", "az")
        self.regexes = []
        if not self.simple:
            from pslark.runtime import operators
            for p in patterns:
                try:
                    self.regexes.append(operators.get_regex(p, not self.case_sensitive))
                except PSException as exc:
                    msg = f"The string {p} is not a valid regular expression: {exc.message}"
                    cmd.throw_terminating(cmd.error_record(msg, "InvalidRegex", "InvalidArgument", p,
                                                           ArgumentException(msg)))

    def _fold(self, text: str) -> str:
        if self.turkic:
            text = text.replace("I", "\u0131").replace("\u0130", "i")
        return text.casefold()

    def match(self, line: str) -> tuple[bool, Optional[str], list]:
        """(matched, pattern, matches) for one line."""
        all_matches = bool(self.cmd.all_matches)
        if self.simple:
            for p in self.patterns:
                hay = line if self.case_sensitive else self._fold(line)
                needle = p if self.case_sensitive else self._fold(p)
                idx = hay.find(needle)
                if idx >= 0:
                    return True, p, self._simple_matches(line, p, idx, all_matches)
            return False, None, []
        for p, rx in zip(self.patterns, self.regexes):
            m = rx.search(line)
            if m is None:
                continue
            if all_matches:
                out = [rx.make_match(x, line) for x in rx.finditer(line)]
            else:
                out = [rx.make_match(m, line)]
            return True, p, out
        return False, None, []

    def _simple_matches(self, line: str, p: str, idx: int, all_matches: bool) -> list:
        import re as _re
        from pslark.runtime import operators
        rx = operators.get_regex(_re.escape(p), not self.case_sensitive)
        if all_matches:
            return [rx.make_match(x, line) for x in rx.finditer(line)]
        m = rx.search(line, idx)
        return [rx.make_match(m, line)] if m is not None else []


class _ContextTracker:
    """Collects pre/post context lines around matches (pwsh's ContextTracker): lines already shown as a
    previous match's post-context are not shown again as the next match's pre-context."""

    def __init__(self, pre: int, post: int, emit):
        from collections import deque
        self.pre_n = pre
        self.post_n = post
        self.emit = emit
        self.history = deque(maxlen=pre) if pre else None
        self.pending: Optional[MatchInfo] = None
        self.post: list = []
        self.since_display = 1 << 30

    def line(self, text: str, info: Optional[MatchInfo]) -> None:
        if info is not None:
            self._flush()
            pre = list(self.history) if self.history is not None else []
            k = min(len(pre), self.since_display)
            info.Context = MatchInfoContext(pre, [], pre[len(pre) - k:] if k else [], [])
            self.pending = info
            self.post = []
            self.since_display = 0
            if self.post_n == 0:
                self._flush()
        elif self.pending is not None:
            self.post.append(text)
            self.since_display = 0
            if len(self.post) >= self.post_n:
                self._flush()
        else:
            self.since_display += 1
        if self.history is not None:
            self.history.append(text)

    def _flush(self) -> None:
        if self.pending is not None:
            ctx = self.pending.Context
            ctx.PostContext = list(self.post)
            ctx.DisplayPostContext = list(self.post)
            info = self.pending
            self.pending = None
            self.post = []
            self.emit(info)

    def finish(self) -> None:
        self._flush()


@cmdlet("Select-String", aliases=("sls",), default_set="File")
class SelectString(Cmdlet):
    input_object = Parameter("psobject", mandatory=True, pipeline=True, sets=("Object", "ObjectRaw"),
                             allow_null=True, allow_empty_string=True)
    pattern = Parameter("string[]", position=0, mandatory=True)
    path = Parameter("string[]", position=1, mandatory=True, by_property_name=True, sets=("File", "FileRaw"))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralFile", "LiteralFileRaw"))
    raw = Parameter("switch", mandatory=True, sets=("ObjectRaw", "FileRaw", "LiteralFileRaw"))
    simple_match = Parameter("switch")
    case_sensitive = Parameter("switch")
    quiet = Parameter("switch", sets=("Object", "File", "LiteralFile"))
    list = Parameter("switch")
    no_emphasis = Parameter("switch")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    not_match = Parameter("switch")
    all_matches = Parameter("switch")
    encoding = Parameter("string")
    context = Parameter("int[]", validate_count=(1, 2), validate_range=(0, 2147483647))
    culture = Parameter("string")

    def begin_processing(self):
        if self.is_bound("Culture") and not self.is_bound("SimpleMatch"):
            msg = "The Culture parameter can only be used together with the SimpleMatch parameter."
            self.throw_terminating(self.error_record(msg, "CannotSpecifyCultureWithoutSimpleMatch", "InvalidData",
                                                     None, PSInvalidOperationException(msg)))
        self._quiet_written = False
        self._found_here = False
        self._patterns = [to_str(p) for p in _as_list(self.pattern)]
        self._matcher = _Matcher(self, self._patterns)
        ctx = [int(c) for c in _as_list(self.context)] if self.context is not None else []
        self._pre = ctx[0] if ctx else 0
        self._post = (ctx[1] if len(ctx) > 1 else ctx[0]) if ctx else 0
        self._found_any = False
        self._done = False
        self._input_line = 0
        self._tracker: Optional[_ContextTracker] = None
        self._warned_context = False

    # ---- output
    def _emit(self, info: MatchInfo) -> None:
        self._found_any = True
        self._found_here = True
        if self.quiet:
            if not self._quiet_written:
                self._quiet_written = True
                self.write_object(True)
            self._done = True
            return
        if self.raw:
            self.write_object(info.Line)
        else:
            self.write_object(info)

    def _check_line(self, text: str, number: int, path: Optional[str]) -> Optional[MatchInfo]:
        matched, pattern, matches = self._matcher.match(text)
        if self.not_match:
            if matched:
                return None
            info = MatchInfo(text, number, path, self._patterns[0], not self.case_sensitive, [])
        elif not matched:
            return None
        else:
            info = MatchInfo(text, number, path, pattern, not self.case_sensitive, matches)
        info.emphasize = not self.no_emphasis
        return info

    # ---- input stream
    def process_record(self):
        if self.parameter_set in ("Object", "ObjectRaw"):
            obj = self.input_object
            if obj is AUTOMATION_NULL or self._done:
                return
            if self._is_file(obj):
                self._found_here = False
                self._search_file(self._file_path(obj))
                if self.quiet and not self._found_here:
                    self.write_object(None if self.list else False)
                return
            if isinstance(base_of(obj), MatchInfo):
                prior = base_of(obj)
                if (self._pre or self._post) and not self._warned_context:
                    self._warned_context = True
                    self.write_warning('The option "Context" is not valid when searching results that are piped '
                                       'from Select-String output.')
                info = self._check_line(prior.Line, prior.LineNumber, prior._path)
                if info is not None:
                    self._emit(info)
                    if self.list:
                        self._done = True
                return
            b = base_of(obj)
            text = "" if obj is None else (to_str(b) if isinstance(b, (list, tuple)) else to_text(obj))
            self._input_line += 1
            self._stream_line(text, self._input_line, None)
            return
        if self._done and self.quiet:
            return
        literal = self.parameter_set.startswith("Literal")
        paths = _as_list(self.literal_path if literal else self.path)
        self._found_here = False
        for full in self._resolve(paths, literal):
            self._search_file(full)
            if self.quiet and self._found_here:
                return
        if self.quiet:
            self.write_object(None if self.list else False)

    def _stream_line(self, text: str, number: int, path: Optional[str]) -> None:
        info = self._check_line(text, number, path)
        if (self._pre or self._post) and not self.raw:
            if self._tracker is None:
                self._tracker = _ContextTracker(self._pre, self._post, self._emit)
            self._tracker.line(text, info)
        elif info is not None:
            self._emit(info)
        if info is not None and self.list:
            if self._tracker is not None:
                self._tracker.finish()
            self._done = True

    def end_processing(self):
        if self._tracker is not None:
            self._tracker.finish()
            self._tracker = None

    # ---- files
    @staticmethod
    def _is_file(obj: Any) -> bool:
        names = type_names(obj)
        return bool(names) and names[0] in ("System.IO.FileInfo", "Deserialized.System.IO.FileInfo")

    @staticmethod
    def _file_path(obj: Any) -> str:
        for n in ("FullName", "PSPath"):
            found, v = get_property(obj, n)
            if found and v:
                from pslark.runtime.paths import strip_provider
                return strip_provider(to_str(v))
        return to_text(obj)

    def _resolve(self, paths: list, literal: bool) -> list:
        from pslark.runtime.paths import expand_wildcards, to_provider_path
        from pslark.runtime.wildcard import has_wildcard
        out = []
        for p in paths:
            p = to_str(p)
            if literal or not has_wildcard(p):
                full = to_provider_path(self.ctx.session, p)
                if not os.path.exists(full):
                    msg = f"Cannot find path '{full}' because it does not exist."
                    self.write_error(self.error_record(msg, "PathNotFound", "ObjectNotFound", p,
                                                       ItemNotFoundException(msg)))
                    continue
                out.append(full)
                continue
            found = expand_wildcards(self.ctx.session, p)
            if not found:
                msg = f"Cannot find path '{to_provider_path(self.ctx.session, p)}' because it does not exist."
                self.write_error(self.error_record(msg, "PathNotFound", "ObjectNotFound", p,
                                                   ItemNotFoundException(msg)))
            out.extend(found)
        return [f for f in out if self._included(f)]

    def _included(self, full: str) -> bool:
        from pslark.runtime.cmdlets.objects import wildcard_match
        name = os.path.basename(full)
        if self.include is not None and not any(wildcard_match(to_str(p), name) for p in _as_list(self.include)):
            return False
        if self.exclude is not None and any(wildcard_match(to_str(p), name) for p in _as_list(self.exclude)):
            return False
        return True

    def _search_file(self, full: str) -> None:
        if os.path.isdir(full):
            return
        from pslark.runtime.cmdlets.data import decode_bytes, resolve_encoding
        try:
            with open(full, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            msg = f"The file {full} cannot be read: {exc.strerror or exc}"
            self.write_error(self.error_record(msg, "ProcessingFile", "ReadError", full, IOException(msg)))
            return
        codec = resolve_encoding(self, self.encoding)[0] if self.encoding is not None else None
        text = decode_bytes(raw, codec)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        saved_done = self._done
        self._done = False
        tracker_saved = self._tracker
        self._tracker = None
        for i, line in enumerate(lines, 1):
            self.check_stop()
            if line.endswith("\r"):
                line = line[:-1]
            self._stream_line(line, i, full)
            if self._done:
                break
        if self._tracker is not None:
            self._tracker.finish()
        self._tracker = tracker_saved
        self._done = saved_done or (bool(self.quiet) and self._found_here)
