"""Errors as PowerShell models them: .NET-like exceptions, ErrorRecords, and control-flow signals.

Every exception a script can see derives from PSException and names its .NET type (and so its base types,
through the Python class hierarchy), so that `catch [System.ArgumentException]` and `$_.Exception.GetType()`
work. An ErrorRecord wraps an exception with the FullyQualifiedErrorId, category, target and the position
(InvocationInfo) that ConciseView prints.
"""
from __future__ import annotations

from typing import Any, Optional

ERROR_CATEGORIES = (
    "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument", "InvalidData",
    "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled",
    "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied",
    "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError",
    "ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled",
)


class PSException(Exception):
    """System.Exception and everything a script can catch. `dotnet_type` is the .NET full name."""

    dotnet_type = "System.Exception"
    default_error_id = "System.Exception"
    default_category = "NotSpecified"

    def __init__(self, message: str = "", *, error_id: Optional[str] = None, category: Optional[str] = None,
                 target: Any = None, inner: Optional[BaseException] = None,
                 error_record: Optional["ErrorRecord"] = None, was_thrown: bool = False):
        super().__init__(message)
        self.message = message
        self.error_id = error_id
        self.category = category
        self.target = target
        self.inner = inner
        self.error_record = error_record       # set when the exception carries its own record
        self.was_thrown = was_thrown           # from a `throw` statement (ConciseView says "Exception:")
        self.data: dict = {}

    @classmethod
    def type_names(cls) -> list[str]:
        """The .NET type chain, most derived first."""
        names = []
        for klass in cls.__mro__:
            name = klass.__dict__.get("dotnet_type")
            if name and name not in names:
                names.append(name)
        names.append("System.Object")
        return names

    def __str__(self):
        return self.message


# The .NET exception types scripts meet. The hierarchy mirrors .NET's.
class SystemException(PSException):
    dotnet_type = "System.SystemException"


class ArgumentException(SystemException):
    dotnet_type = "System.ArgumentException"
    default_category = "InvalidArgument"


class ArgumentNullException(ArgumentException):
    dotnet_type = "System.ArgumentNullException"


class ArgumentOutOfRangeException(ArgumentException):
    dotnet_type = "System.ArgumentOutOfRangeException"


class InvalidOperationException(SystemException):
    dotnet_type = "System.InvalidOperationException"
    default_category = "InvalidOperation"


class ObjectDisposedException(InvalidOperationException):
    dotnet_type = "System.ObjectDisposedException"


class NotSupportedException(SystemException):
    dotnet_type = "System.NotSupportedException"


class NotImplementedException(SystemException):
    dotnet_type = "System.NotImplementedException"


class FormatException(SystemException):
    dotnet_type = "System.FormatException"


class InvalidCastException(SystemException):
    dotnet_type = "System.InvalidCastException"


class OverflowException(SystemException):
    dotnet_type = "System.OverflowException"


class ArithmeticException(SystemException):
    dotnet_type = "System.ArithmeticException"


class DivideByZeroException(ArithmeticException):
    dotnet_type = "System.DivideByZeroException"


class IndexOutOfRangeException(SystemException):
    dotnet_type = "System.IndexOutOfRangeException"


class KeyNotFoundException(SystemException):
    dotnet_type = "System.Collections.Generic.KeyNotFoundException"


class NullReferenceException(SystemException):
    dotnet_type = "System.NullReferenceException"


class TimeoutException(SystemException):
    dotnet_type = "System.TimeoutException"


class IOException(SystemException):
    dotnet_type = "System.IO.IOException"


class FileNotFoundException(IOException):
    dotnet_type = "System.IO.FileNotFoundException"
    default_category = "ObjectNotFound"


class DirectoryNotFoundException(IOException):
    dotnet_type = "System.IO.DirectoryNotFoundException"
    default_category = "ObjectNotFound"


class UnauthorizedAccessException(SystemException):
    dotnet_type = "System.UnauthorizedAccessException"
    default_category = "PermissionDenied"


class OperationCanceledException(SystemException):
    dotnet_type = "System.OperationCanceledException"


class Win32Exception(SystemException):
    dotnet_type = "System.ComponentModel.Win32Exception"


class WriteErrorException(SystemException):
    """What Write-Error wraps a plain message in (a SystemException in pwsh, not a RuntimeException)."""
    dotnet_type = "Microsoft.PowerShell.Commands.WriteErrorException"


class RuntimeException(SystemException):
    """System.Management.Automation.RuntimeException: the base of PowerShell's own errors."""

    dotnet_type = "System.Management.Automation.RuntimeException"
    default_error_id = "RuntimeException"


class ParameterBindingException(RuntimeException):
    dotnet_type = "System.Management.Automation.ParameterBindingException"
    default_category = "InvalidArgument"


class ParameterBindingValidationException(ParameterBindingException):
    """A bound argument failed validation ([Validate*] attributes, $null/''/@() for a mandatory parameter)."""
    dotnet_type = "System.Management.Automation.ParameterBindingValidationException"
    default_category = "InvalidData"


class ProviderInvocationException(RuntimeException):
    """A provider operation failed; its message names the operation, the provider and the path."""
    dotnet_type = "System.Management.Automation.ProviderInvocationException"


class HostException(RuntimeException):
    dotnet_type = "System.Management.Automation.Host.HostException"


class PromptingException(HostException):
    """A host prompt could not get an answer (cancelled, end of input)."""
    dotnet_type = "System.Management.Automation.Host.PromptingException"


class CommandNotFoundException(RuntimeException):
    dotnet_type = "System.Management.Automation.CommandNotFoundException"
    default_error_id = "CommandNotFoundException"
    default_category = "ObjectNotFound"


class ItemNotFoundException(RuntimeException):
    dotnet_type = "System.Management.Automation.ItemNotFoundException"
    default_category = "ObjectNotFound"


class DriveNotFoundException(RuntimeException):
    dotnet_type = "System.Management.Automation.DriveNotFoundException"
    default_category = "ObjectNotFound"


class ProviderNotFoundException(RuntimeException):
    dotnet_type = "System.Management.Automation.ProviderNotFoundException"
    default_category = "ObjectNotFound"


class PSArgumentException(ArgumentException):
    dotnet_type = "System.Management.Automation.PSArgumentException"


class PSArgumentOutOfRangeException(ArgumentOutOfRangeException):
    dotnet_type = "System.Management.Automation.PSArgumentOutOfRangeException"


class PSInvalidOperationException(InvalidOperationException):
    dotnet_type = "System.Management.Automation.PSInvalidOperationException"


class PSInvalidCastException(InvalidCastException):
    dotnet_type = "System.Management.Automation.PSInvalidCastException"
    default_category = "InvalidArgument"


class PSNotSupportedException(NotSupportedException):
    dotnet_type = "System.Management.Automation.PSNotSupportedException"


class MethodException(RuntimeException):
    dotnet_type = "System.Management.Automation.MethodException"


class MethodInvocationException(MethodException):
    dotnet_type = "System.Management.Automation.MethodInvocationException"


class SetValueInvocationException(RuntimeException):
    dotnet_type = "System.Management.Automation.SetValueInvocationException"


class GetValueInvocationException(RuntimeException):
    dotnet_type = "System.Management.Automation.GetValueInvocationException"


class PropertyNotFoundException(RuntimeException):
    dotnet_type = "System.Management.Automation.PropertyNotFoundException"


class SessionStateUnauthorizedAccessException(RuntimeException):
    dotnet_type = "System.Management.Automation.SessionStateUnauthorizedAccessException"


class ValidationMetadataException(RuntimeException):
    dotnet_type = "System.Management.Automation.ValidationMetadataException"


class ArgumentTransformationMetadataException(RuntimeException):
    """A value that cannot be converted to a type-constrained variable (`[int]$x = 'abc'`): pwsh's MetadataError."""

    dotnet_type = "System.Management.Automation.ArgumentTransformationMetadataException"
    default_category = "MetadataError"


class ScriptCallDepthException(RuntimeException):
    dotnet_type = "System.Management.Automation.ScriptCallDepthException"
    default_error_id = "CallDepthOverflow"


class PipelineStoppedException(RuntimeException):
    """Raised inside a pipeline that Ctrl+C, Stop-Job or a timeout stopped."""

    dotnet_type = "System.Management.Automation.PipelineStoppedException"
    default_category = "OperationStopped"

    def __init__(self, message: str = "The pipeline has been stopped.", **kw):
        super().__init__(message, **kw)


class ActionPreferenceStopException(RuntimeException):
    """A non-terminating error turned terminating by -ErrorAction Stop / $ErrorActionPreference = 'Stop'."""

    dotnet_type = "System.Management.Automation.ActionPreferenceStopException"


class CmdletInvocationException(RuntimeException):
    """What pwsh wraps a runtime error in when it escapes a cmdlet (Invoke-Expression ...). pslark keeps the
    original exception and marks it `escaped_cmdlet`; `catch [CmdletInvocationException]` matches such errors."""

    dotnet_type = "System.Management.Automation.CmdletInvocationException"


class ParseError:
    """One syntax error: where, pwsh's error id (e.g. 'MissingEndCurlyBrace') and message.

    `incomplete` is True when more input could complete the text (an open `{`, quote or here-string at the end),
    which is how the REPL decides to ask for a `>>` continuation line.
    """

    __slots__ = ("extent", "error_id", "message", "incomplete")

    def __init__(self, extent, error_id: str, message: str, incomplete: bool = False):
        self.extent = extent
        self.error_id = error_id
        self.message = message
        self.incomplete = incomplete

    def full_message(self) -> str:
        """The ParseException message: the position message, then the error text (as pwsh's ParseError.ToString)."""
        pos = position_message(self.extent)
        return f"{pos}\n{self.message}" if pos else self.message

    def __repr__(self):
        line = self.extent.start_line if self.extent is not None else 0
        col = self.extent.start_column if self.extent is not None else 0
        return f"ParseError({self.error_id!r}, {line}:{col}, {self.message!r})"


class ParseException(RuntimeException):
    """System.Management.Automation.ParseException; `errors` holds the ParseError objects."""

    dotnet_type = "System.Management.Automation.ParseException"
    default_category = "ParserError"

    def __init__(self, errors: list, **kw):
        self.errors = errors
        first = errors[0] if errors else None
        message = first.full_message() if first is not None else "Parse error"
        super().__init__(message, error_id=(first.error_id if first is not None else "ParseException"),
                         category="ParserError", **kw)


class IncompleteParseException(ParseException):
    """A ParseException whose errors all want more input (an open brace or string at the end):
    [scriptblock]::Create raises this one, as pwsh does."""

    dotnet_type = "System.Management.Automation.IncompleteParseException"


class JobFailedException(RuntimeException):
    dotnet_type = "System.Management.Automation.JobFailedException"


class RemoteException(RuntimeException):
    """An error that happened in a job worker or remote runspace and was serialized back."""

    dotnet_type = "System.Management.Automation.RemoteException"


class PSRemotingTransportException(RuntimeException):
    dotnet_type = "System.Management.Automation.Remoting.PSRemotingTransportException"
    default_category = "OpenError"


DOTNET_EXCEPTION_TYPES: dict[str, type] = {}


def _register_all(klass: type) -> None:
    DOTNET_EXCEPTION_TYPES[klass.dotnet_type.casefold()] = klass
    for sub in klass.__subclasses__():
        _register_all(sub)


_register_all(PSException)


def exception_class(type_name: str) -> Optional[type]:
    """The exception class for a .NET type name (full or short, case-insensitive), or None."""
    key = type_name.casefold()
    if key in DOTNET_EXCEPTION_TYPES:
        return DOTNET_EXCEPTION_TYPES[key]
    for full, klass in DOTNET_EXCEPTION_TYPES.items():
        if full.rsplit(".", 1)[-1] == key or full == "system." + key:
            return klass
    return None


class InvocationInfo:
    """Where an error happened: the command, the script and the extent (for ConciseView's `Line |` box)."""

    __slots__ = ("my_command", "invocation_name", "extent", "pipeline_position", "bound_parameters")

    def __init__(self, my_command: Optional[str] = None, extent=None, invocation_name: Optional[str] = None,
                 pipeline_position: int = 0):
        self.my_command = my_command               # command name (str) or None for script-level errors
        self.invocation_name = invocation_name or my_command
        self.extent = extent                       # interpreter.ast.Extent or None
        self.pipeline_position = pipeline_position
        self.bound_parameters: dict = {}

    @property
    def script_name(self) -> Optional[str]:
        return self.extent.file if self.extent is not None else None

    @property
    def script_line_number(self) -> int:
        return self.extent.start_line if self.extent is not None else 0

    @property
    def offset_in_line(self) -> int:
        return self.extent.start_column if self.extent is not None else 0

    @property
    def line(self) -> str:
        return self.extent.source.line(self.extent.start_line) if self.extent is not None else ""

    def position_message(self) -> str:
        """`At path:line char:col` + the line + `~` markers, as pwsh's PositionMessage."""
        return position_message(self.extent)


def position_message(extent) -> str:
    if extent is None:
        return ""
    where = extent.file if extent.file else "line"
    if extent.file:
        head = f"At {where}:{extent.start_line} char:{extent.start_column}"
    else:
        head = f"At line:{extent.start_line} char:{extent.start_column}"
    line = extent.source.line(extent.start_line)
    start = extent.start_column - 1
    if extent.end_line == extent.start_line:
        length = max(1, extent.end_column - extent.start_column)
    else:
        length = max(1, len(line) - start)
    return f"{head}\n+ {line}\n+ {' ' * start}{'~' * length}"


class ErrorRecord:
    """System.Management.Automation.ErrorRecord."""

    type_names = ["System.Management.Automation.ErrorRecord", "System.Object"]
    category_target_name: Optional[str] = None    # CategoryInfo overrides (Write-Error -CategoryTargetName/-Type)
    category_target_type: Optional[str] = None

    def __init__(self, exception: PSException, error_id: Optional[str] = None, category: Optional[str] = None,
                 target: Any = None, invocation_info: Optional[InvocationInfo] = None,
                 error_details_message: Optional[str] = None, recommended_action: Optional[str] = None,
                 category_activity: Optional[str] = None, category_reason: Optional[str] = None):
        self.exception = exception
        self.fully_qualified_error_id = error_id or exception.error_id or exception.default_error_id
        self.category = category or exception.category or exception.default_category
        self.target_object = target if target is not None else exception.target
        self.invocation_info = invocation_info
        self.error_details_message = error_details_message
        self.recommended_action = recommended_action
        self.category_activity = category_activity
        self.category_reason = category_reason or type(exception).__name__
        self.script_stack_trace = ""
        self.pipeline_iteration_info: list = []
        self.serialized_extras: Optional[dict] = None   # for errors that came back from a job or remote runspace
        if exception.error_record is None:
            exception.error_record = self

    @property
    def message(self) -> str:
        return self.error_details_message if self.error_details_message else self.exception.message

    def category_info_text(self) -> str:
        """`ObjectNotFound: (/nope:String) [Get-ChildItem], ItemNotFoundException`."""
        activity = self.category_activity or (self.invocation_info.my_command if self.invocation_info else None) or ""
        target = self.target_object
        target_text = "" if target is None else str(target)
        target_type = "" if target is None else _dotnet_short_type(target)
        if self.category_target_name:
            target_text = self.category_target_name
        if self.category_target_type:
            target_type = self.category_target_type
        return f"{self.category}: ({target_text}:{target_type}) [{activity}], {self.category_reason}"

    def __str__(self):
        return self.message

    def __repr__(self):
        return f"ErrorRecord({self.fully_qualified_error_id!r}, {self.message!r})"


def _dotnet_short_type(value: Any) -> str:
    if isinstance(value, str):
        return "String"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Int32"
    if isinstance(value, float):
        return "Double"
    return type(value).__name__


# ----------------------------------------------------------------------------------------------
# Control flow: not errors to the user, but they unwind the Python stack like exceptions.

class FlowSignal(BaseException):
    """Base for break/continue/return/exit: BaseException so `except Exception` in cmdlets lets them pass."""


class BreakSignal(FlowSignal):
    def __init__(self, label: Optional[str] = None):
        super().__init__(label)
        self.label = label


class ContinueSignal(FlowSignal):
    def __init__(self, label: Optional[str] = None):
        super().__init__(label)
        self.label = label


class ReturnSignal(FlowSignal):
    pass


class ExitSignal(FlowSignal):
    def __init__(self, code: int = 0):
        super().__init__(code)
        self.code = code


class StopSignal(FlowSignal):
    """The pipeline is being stopped (Ctrl+C, Stop-Job, timeout, Select-Object -First upstream)."""

    def __init__(self, reason: str = "stop"):
        super().__init__(reason)
        self.reason = reason
