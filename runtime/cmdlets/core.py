"""The stream cmdlets (Write-*) and the output cmdlets (Out-*)."""
from __future__ import annotations

from typing import Any

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    ErrorRecord, InvalidOperationException, InvocationInfo, PSException, RuntimeException, WriteErrorException,
    exception_class,
)
from pslark.runtime.objects import AUTOMATION_NULL, PSObject, enumerate_value
from pslark.runtime.records import HostInformationMessage, InformationRecord


def _text(value: Any) -> str:
    from pslark.runtime.conversion import to_string
    return to_string(value)


@cmdlet("Write-Output", aliases=("echo",))
class WriteOutput(Cmdlet):
    input_object = Parameter("object", position=0, mandatory=True, pipeline=True, remaining=True, allow_null=True,
                             allow_empty_collection=True)
    no_enumerate = Parameter("switch")

    def process_record(self):
        value = self.input_object
        if value is AUTOMATION_NULL:
            return
        if not self.no_enumerate and isinstance(value, list):
            for item in value:
                self.write_object(item)
        else:
            self.write_object(value)


@cmdlet("Write-Error")
class WriteError(Cmdlet):
    message = Parameter("string", position=0, mandatory=True, pipeline=True, aliases=("Msg",),
                        sets=("NoException", "WithException"), allow_null=True, allow_empty_string=True,
                        per_set={"WithException": {"position": None, "mandatory": False, "pipeline": False}})
    # as pwsh, each set has a parameter at position 0: `Write-Error $_` re-emits the caught ErrorRecord
    exception = Parameter("Exception", position=0, mandatory=True, sets=("WithException",))
    error_record = Parameter("ErrorRecord", position=0, mandatory=True, sets=("ErrorRecord",))
    category = Parameter("string", default="NotSpecified", sets=("NoException", "WithException"))
    error_id = Parameter("string", sets=("NoException", "WithException"))
    target_object = Parameter("object", sets=("NoException", "WithException"))
    recommended_action = Parameter("string")
    category_activity = Parameter("string", aliases=("Activity",))
    category_reason = Parameter("string", aliases=("Reason",))
    category_target_name = Parameter("string", aliases=("TargetName",))
    category_target_type = Parameter("string", aliases=("TargetType",))
    default_set = "NoException"

    def process_record(self):
        invocation = self._caller_invocation()
        if self.parameter_set == "ErrorRecord" or self.is_bound("ErrorRecord"):
            record = self.error_record
            if isinstance(record, PSObject) and record.base is not None:
                record = record.base
            if not isinstance(record, ErrorRecord):
                record = ErrorRecord(RuntimeException(_text(record)), _text(record))
            else:
                import copy
                record = copy.copy(record)   # pwsh copies the record: the caller's $_ keeps its position
                if invocation is not self.invocation:
                    record.invocation_info = None
        elif self.is_bound("Exception"):
            exc = self.exception
            if isinstance(exc, PSObject) and exc.base is not None:
                exc = exc.base
            if not isinstance(exc, PSException):
                exc = RuntimeException(_text(exc))
            message = self.message
            record = ErrorRecord(exc, self.error_id or exc.error_id or exc.dotnet_type, self.category or None,
                                 self.target_object, invocation)
            if message:
                record.error_details_message = message
        else:
            message = self.message if self.message is not None else ""
            exc = WriteErrorException(message)
            record = ErrorRecord(exc, self.error_id or "Microsoft.PowerShell.Commands.WriteErrorException",
                                 self.category or "NotSpecified", self.target_object, invocation)
        if record.invocation_info is None:
            record.invocation_info = invocation
        if invocation is not self.invocation and not self.category_activity:
            record.category_activity = "Write-Error"
        if self.recommended_action:
            record.recommended_action = self.recommended_action
            if record.error_details_message is None:       # pwsh: new ErrorDetails(errorRecord.ToString())
                record.error_details_message = record.message
        if self.category_activity:
            record.category_activity = self.category_activity
        if self.category_reason:
            record.category_reason = self.category_reason
        if self.category_target_name:
            record.category_target_name = self.category_target_name
        if self.category_target_type:
            record.category_target_type = self.category_target_type
        self.write_error(record)

    def _caller_invocation(self) -> InvocationInfo:
        """Write-Error in a function reports the function's invocation: pwsh uses the caller's $MyInvocation, so
        ConciseView names the function and points at the line that called it."""
        var = self.ctx.session.lookup("MyInvocation")
        caller = getattr(var.value, "invocation", None) if var is not None else None
        if caller is not None and getattr(var.value, "kind", None) == "function":
            return InvocationInfo(caller.my_command, caller.extent, caller.invocation_name)
        return self.invocation


@cmdlet("Write-Warning")
class WriteWarning(Cmdlet):
    message = Parameter("string", position=0, mandatory=True, pipeline=True, aliases=("Msg",),
                        allow_empty_string=True)

    def process_record(self):
        self.write_warning(self.message or "")


@cmdlet("Write-Verbose")
class WriteVerbose(Cmdlet):
    message = Parameter("string", position=0, mandatory=True, pipeline=True, aliases=("Msg",),
                        allow_empty_string=True)

    def process_record(self):
        self.write_verbose(self.message or "")


@cmdlet("Write-Debug")
class WriteDebug(Cmdlet):
    message = Parameter("string", position=0, mandatory=True, pipeline=True, aliases=("Msg",),
                        allow_empty_string=True)

    def process_record(self):
        self.write_debug(self.message or "")


@cmdlet("Write-Information")
class WriteInformation(Cmdlet):
    message_data = Parameter("object", position=0, mandatory=True, pipeline=True, aliases=("Msg", "Message"),
                             allow_null=True)
    tags = Parameter("string[]", position=1)

    def begin_processing(self):
        for tag in self.tags or ():
            if str(tag)[:2].casefold() == "ps":
                msg = f"Cannot use tag '{tag}'. The 'PS' prefix is reserved."
                self.throw_terminating(self.error_record(msg, "PSPrefixReservedInInformationTag", "InvalidArgument",
                                                         tag, InvalidOperationException(msg)))

    def process_record(self):
        record = InformationRecord(self.message_data, self._source(), tuple(self.tags or ()))
        self.write_information(record)

    def _source(self) -> str:
        return self.invocation.script_name or "Write-Information"


@cmdlet("Write-Host")
class WriteHost(Cmdlet):
    object = Parameter("object", position=0, pipeline=True, remaining=True, aliases=("Msg", "Message"))
    no_newline = Parameter("switch")
    separator = Parameter("object", default=" ")
    foreground_color = Parameter("System.ConsoleColor")
    background_color = Parameter("System.ConsoleColor")

    def process_record(self):
        value = self.object
        sep = _text(self.separator)
        text = self._render(value, sep)
        fg = None if self.foreground_color is None else _text(self.foreground_color)
        bg = None if self.background_color is None else _text(self.background_color)
        msg = HostInformationMessage(text, bool(self.no_newline), fg, bg)
        record = InformationRecord(msg, self.invocation.script_name or "Write-Host", ("PSHOST",))
        self.write_information(record)

    def _render(self, value, sep: str) -> str:
        if value is None or value is AUTOMATION_NULL:
            return ""
        if isinstance(value, list):
            parts = []
            for item in value:
                if isinstance(item, list):
                    parts.append(self._render(item, sep))
                elif item is not None:
                    parts.append(_text(item))
            return sep.join(parts)
        return _text(value)


# ------------------------------------------------------------------------------------------------
# Out-*

class _FormattingCmdlet(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)

    def begin_processing(self):
        self.formatter = None

    def _formatter(self, width=None, ansi=None):
        if self.formatter is None:
            self.formatter = self.ctx.host.new_out_default(self.ctx, width, ansi)
        return self.formatter


@cmdlet("Out-Default", module="Microsoft.PowerShell.Core")
class OutDefaultCmdlet(_FormattingCmdlet):
    transcript = Parameter("switch")

    def process_record(self):
        if self.input_object is AUTOMATION_NULL:
            return
        lines = self._formatter().write(self.input_object)
        if lines:
            self.ctx.host.write_lines(lines)

    def end_processing(self):
        if self.formatter is not None:
            lines = self.formatter.close()
            if lines:
                self.ctx.host.write_lines(lines)


@cmdlet("Out-Host", aliases=("oh",), module="Microsoft.PowerShell.Core")
class OutHost(OutDefaultCmdlet):
    paging = Parameter("switch")


@cmdlet("Out-Null", module="Microsoft.PowerShell.Core")
class OutNull(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)


def _rendering_is_ansi() -> bool:
    """Out-String is not host output: it keeps colour only when $PSStyle.OutputRendering is Ansi."""
    from pslark.runtime.psstyle import current
    ps = current()
    return ps is not None and ps.OutputRendering == "Ansi"


@cmdlet("Out-String", default_set="NoNewLineFormatting")
class OutString(_FormattingCmdlet):
    width = Parameter("int", validate_range=(2, 2147483647))
    stream = Parameter("switch", sets=("StreamFormatting",))
    no_new_line = Parameter("switch", sets=("NoNewLineFormatting",))

    def begin_processing(self):
        super().begin_processing()
        self.lines: list[str] = []

    def process_record(self):
        if self.input_object is AUTOMATION_NULL:
            return
        if self.formatter is None:
            from pslark.runtime.formatting import OutDefault
            ctx = self.ctx
            limit = ctx.preference("FormatEnumerationLimit", 4)
            self.formatter = OutDefault.for_out_string(
                self.width or None, console_width=ctx.host.width, enumeration_limit=limit if isinstance(limit, int)
                else 4, location=lambda: ctx.location, ansi=_rendering_is_ansi)
        lines = self.formatter.write(self.input_object)
        if self.stream:
            for line in lines:
                self.write_object(line)
            return
        if self.no_new_line and isinstance(self.input_object, str) and "\n" in self.input_object:
            # -NoNewline drops only the line ends Out-String adds: a string's own newlines stay
            k = len(self.input_object.split("\n"))
            if len(lines) >= k:
                lines = lines[:-k] + ["\n".join(lines[-k:])]
        self.lines.extend(lines)

    def end_processing(self):
        if self.formatter is None:
            return
        tail = self.formatter.close()
        if self.stream:
            for line in tail:
                self.write_object(line)
            return
        self.lines.extend(tail)
        if self.no_new_line:
            self.write_object("".join(self.lines))
        else:
            self.write_object("".join(line + "\n" for line in self.lines))
