"""Member access for every value: properties, methods, indexing, type names, Get-Member data.

`get_member` / `set_member` / `invoke_method` / `get_index` / `set_index` implement PowerShell's member
binder over the value model: PSObject note and script properties, dictionary keys by dot, .NET properties
and methods of the modelled types (strings, numbers, DateTime, arrays, hashtables, lists, the objects of
types.py and any class exposing `ps_get` / `ps_properties` / `ps_invoke`), intrinsic members (`.Count`,
`.Length`, `.Where()`, `.ForEach()`, `.PSObject`, `.pstypenames`) and member-access enumeration.
Errors are pwsh's (MethodNotFound, MethodCountCouldNotFindBest, "Exception calling ...",
PropertyAssignmentException); no other Python exception escapes.
"""
from __future__ import annotations

import datetime
import decimal
import math
import sys
import uuid
from typing import Any, Optional

from pslark.runtime import conversion as C
from pslark.runtime import errors as E
from pslark.runtime import types as T
from pslark.runtime.errors import (ArgumentException, ArgumentNullException, ArgumentOutOfRangeException, MethodException,
                                   PSException, RuntimeException)
from pslark.runtime.numbers import INT32_MAX, INT32_MIN, EnumValue, Int64, Single, _TypedInt
from pslark.runtime.objects import (AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSNoteProperty,
                                    PSObject, PSCUSTOMOBJECT)
from pslark.runtime.types import NetMethod, a_int, a_str, call_net_method, unwrap

_Dec = decimal.Decimal
_MISSING = object()
_DICT_TYPES = (Hashtable, OrderedDictionary)
NetObject = T.NetObject


# ==============================================================================================
# Errors

def property_not_found_for_set(name: str) -> RuntimeException:
    return RuntimeException(f"The property '{name}' cannot be found on this object. Verify that the property exists "
                            "and can be set.", error_id="PropertyAssignmentException", category="InvalidOperation")


def read_only_property(name: str) -> RuntimeException:
    inner = E.SetValueInvocationException(f"'{name}' is a ReadOnly property.")
    return RuntimeException(f"'{name}' is a ReadOnly property.", error_id="PropertyAssignmentException",
                            category="InvalidOperation", inner=inner)


def cannot_index(value: Any) -> RuntimeException:
    return RuntimeException(f"Unable to index into an object of type \"{type_names(value)[0]}\".",
                            error_id="CannotIndex", category="InvalidOperation")


def _guard(fn, *args):
    """Run a member operation; stray Python errors become RuntimeExceptions (never a traceback)."""
    try:
        return fn(*args)
    except (PSException, E.FlowSignal, RecursionError):
        raise
    except Exception as e:  # noqa: BLE001 - modelled objects may raise anything
        raise RuntimeException(str(e) or type(e).__name__, error_id="RuntimeException",
                               category="NotSpecified") from e


# ==============================================================================================
# Type names

_SIMPLE_TYPE_NAMES = {
    str: ["System.String", "System.Object"],
    int: ["System.Int32", "System.ValueType", "System.Object"],
    float: ["System.Double", "System.ValueType", "System.Object"],
    bool: ["System.Boolean", "System.ValueType", "System.Object"],
    list: ["System.Object[]", "System.Array", "System.Object"],
    _Dec: ["System.Decimal", "System.ValueType", "System.Object"],
    datetime.datetime: ["System.DateTime", "System.ValueType", "System.Object"],
    datetime.timedelta: ["System.TimeSpan", "System.ValueType", "System.Object"],
    uuid.UUID: ["System.Guid", "System.ValueType", "System.Object"],
    Hashtable: ["System.Collections.Hashtable", "System.Object"],
    OrderedDictionary: ["System.Collections.Specialized.OrderedDictionary", "System.Object"],
    PSChar: ["System.Char", "System.ValueType", "System.Object"],
    tuple: ["System.Object[]", "System.Array", "System.Object"],
}


def type_names(value: Any) -> list:
    """PSObject.TypeNames: most derived first, System.Object last (`Deserialized.` prefixes kept)."""
    t = type(value)
    simple = _SIMPLE_TYPE_NAMES.get(t)
    if simple is not None:
        if t is int and not INT32_MIN <= value <= INT32_MAX:
            return [C.type_name_of(value), "System.ValueType", "System.Object"]
        return list(simple)
    if isinstance(value, PSObject):
        names = list(value.type_names)
        if value.base is not None and (not names or names[0] == PSCUSTOMOBJECT):
            return type_names(value.base)
        return names
    if value is None or value is AUTOMATION_NULL:
        return []
    try:
        return _guard(_type_names_slow, value)
    except PSException:
        return ["System.Object"]


def _type_names_slow(value: Any) -> list:
    if isinstance(value, EnumValue):
        return [value.ps_enum.full_name, "System.Enum", "System.ValueType", "System.Object"]
    if isinstance(value, PSException):
        return type(value).type_names()
    if isinstance(value, T.PSType):
        return list(T.PSType.type_names)
    own = getattr(value, "type_names", None)
    if own is not None:
        names = own() if callable(own) and not isinstance(own, (list, tuple)) else own
        if names:
            names = [str(n) for n in names]
            if names[-1] != "System.Object":
                names.append("System.Object")
            return names
    if isinstance(value, PSList):
        return [value.type_name, "System.Object"]
    if isinstance(value, (_TypedInt, Single)):
        return [C.type_name_of(value), "System.ValueType", "System.Object"]
    if isinstance(value, bool):
        return ["System.Boolean", "System.ValueType", "System.Object"]
    if isinstance(value, int):
        return [C.type_name_of(value), "System.ValueType", "System.Object"]
    if isinstance(value, str):
        return ["System.String", "System.Object"]
    if isinstance(value, datetime.datetime):
        return ["System.DateTime", "System.ValueType", "System.Object"]
    if isinstance(value, list):
        tn = getattr(value, "type_name", None)
        return [tn or "System.Object[]", "System.Array", "System.Object"]
    if isinstance(value, Hashtable):
        return [getattr(value, "type_name", "System.Collections.Hashtable"), "System.Object"]
    if _is_culture(value):
        return ["System.Globalization.CultureInfo", "System.Object"]
    tn = C.type_name_of(value)
    if tn == "System.Object" or not tn:
        return ["System.Object"]
    return [tn, "System.Object"]


def _is_culture(value: Any) -> bool:
    return type(value).__name__ == "Culture" and hasattr(value, "decimal_sep")


_SHORT_NAMES = {
    "System.Int32": "int", "System.Int64": "long", "System.String": "string", "System.Boolean": "bool",
    "System.Double": "double", "System.Single": "float", "System.Decimal": "decimal", "System.Char": "char",
    "System.Byte": "byte", "System.SByte": "sbyte", "System.Int16": "short", "System.UInt16": "ushort",
    "System.UInt32": "uint", "System.UInt64": "ulong", "System.DateTime": "datetime", "System.TimeSpan": "timespan",
    "System.Guid": "guid", "System.Collections.Hashtable": "hashtable", "System.Void": "void",
    "System.Management.Automation.ScriptBlock": "scriptblock", "System.Version": "version", "System.Uri": "uri",
    "System.Text.RegularExpressions.Regex": "regex", "System.Xml.XmlDocument": "xml", "System.Type": "type",
    "System.Numerics.BigInteger": "bigint", "System.Management.Automation.SwitchParameter": "switch",
    "System.Management.Automation.PSObject": "psobject", "System.Management.Automation.PSReference": "ref",
    "System.Globalization.CultureInfo": "cultureinfo", "System.Net.IPAddress": "ipaddress",
    "System.Security.SecureString": "securestring", "System.Management.Automation.PSCredential": "pscredential",
}


def short_type_name(full: str) -> str:
    """How Get-Member and PSMethod definitions print a type (accelerator names where pwsh uses them)."""
    if full.endswith("[]"):
        return short_type_name(full[:-2]) + "[]"
    return _SHORT_NAMES.get(full, full)


def _value_type_short(value: Any) -> str:
    if value is None:
        return "System.Object"
    names = type_names(value)
    return short_type_name(names[0]) if names else "System.Object"


# ==============================================================================================
# Properties of the built-in value types

_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_DATETIME_PROPS = ["DateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond",
                   "Microsecond", "Nanosecond", "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year"]
_TIMESPAN_PROPS = ["Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes", "Seconds",
                   "TotalDays", "TotalHours", "TotalMilliseconds", "TotalMicroseconds", "TotalNanoseconds",
                   "TotalMinutes", "TotalSeconds"]
_ARRAY_PROPS = ["Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count"]
_EXCEPTION_PROPS = ["TargetSite", "Message", "Data", "InnerException", "HelpLink", "Source", "HResult", "StackTrace"]
_ERRORRECORD_PROPS = ["PSMessageDetails", "Exception", "TargetObject", "CategoryInfo", "FullyQualifiedErrorId",
                      "ErrorDetails", "InvocationInfo", "ScriptStackTrace", "PipelineIterationInfo"]
_SCRIPTBLOCK_PROPS = ["Attributes", "File", "IsFilter", "IsConfiguration", "Module", "StartPosition",
                      "DebuggerHidden", "Id", "Ast"]
_CULTURE_PROPS = ["Parent", "LCID", "KeyboardLayoutId", "Name", "IetfLanguageTag", "DisplayName", "NativeName",
                  "EnglishName", "TwoLetterISOLanguageName", "ThreeLetterISOLanguageName",
                  "ThreeLetterWindowsLanguageName", "CompareInfo", "TextInfo", "IsNeutralCulture", "CultureTypes",
                  "NumberFormat", "DateTimeFormat", "Calendar", "OptionalCalendars", "UseUserOverride", "IsReadOnly"]
_INVOCATION_PROPS = ["MyCommand", "BoundParameters", "UnboundArguments", "ScriptLineNumber", "OffsetInLine",
                     "HistoryId", "ScriptName", "Line", "Statement", "PositionMessage", "PSScriptRoot",
                     "PSCommandPath", "InvocationName", "PipelineLength", "PipelinePosition", "ExpectingInput",
                     "CommandOrigin", "DisplayScriptPosition"]


def datetime_ticks(dt: datetime.datetime) -> int:
    naive = dt.replace(tzinfo=None)
    delta = naive - datetime.datetime(1, 1, 1)
    return ((delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds) * 10


def timespan_ticks(td: datetime.timedelta) -> int:
    return ((td.days * 86400 + td.seconds) * 1_000_000 + td.microseconds) * 10


def _dt_kind(dt: datetime.datetime) -> str:
    if dt.tzinfo is None:
        return "Local"
    return "Utc" if dt.utcoffset() == datetime.timedelta(0) else "Local"


def _enum(full: str, name: str) -> Any:
    t = T.resolve_type(full)
    return t.parse(name) if isinstance(t, T.EnumType) else name


def _long_date_time(dt: datetime.datetime) -> str:
    from pslark.runtime.culture import current_culture
    from pslark.runtime.dotnet_format import format_datetime
    c = current_culture()
    return format_datetime(dt, "D", c) + " " + format_datetime(dt, "T", c)


def datetime_property(dt: datetime.datetime, key: str) -> tuple[bool, Any]:
    if isinstance(dt, T.DateTimeOffset):
        found, v = _dto_property(dt, key)
        if found:
            return found, v
    if key == "year":
        return True, dt.year
    if key == "month":
        return True, dt.month
    if key == "day":
        return True, dt.day
    if key == "hour":
        return True, dt.hour
    if key == "minute":
        return True, dt.minute
    if key == "second":
        return True, dt.second
    if key == "millisecond":
        return True, dt.microsecond // 1000
    if key == "microsecond":
        return True, dt.microsecond % 1000
    if key == "nanosecond":
        return True, 0
    if key == "dayofweek":
        return True, _enum("System.DayOfWeek", _DAY_NAMES[(dt.weekday() + 1) % 7])
    if key == "dayofyear":
        return True, dt.timetuple().tm_yday
    if key == "date":
        return True, dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if key == "timeofday":
        return True, datetime.timedelta(hours=dt.hour, minutes=dt.minute, seconds=dt.second,
                                        microseconds=dt.microsecond)
    if key == "ticks":
        return True, Int64(datetime_ticks(dt))
    if key == "kind":
        return True, _enum("System.DateTimeKind", _dt_kind(dt))
    if key == "datetime":
        return True, _long_date_time(dt)
    return False, None


def _plain_datetime(dt: datetime.datetime, tzinfo: Any = None) -> datetime.datetime:
    """A System.DateTime from a DateTimeOffset (datetime's replace/astimezone keep the subclass)."""
    return datetime.datetime(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, tzinfo)


def _dto_property(dt: datetime.datetime, key: str) -> tuple[bool, Any]:
    if key == "offset":
        return True, dt.utcoffset() or datetime.timedelta(0)
    if key == "totaloffsetminutes":
        return True, int((dt.utcoffset() or datetime.timedelta(0)).total_seconds() // 60)
    if key == "datetime":
        return True, _plain_datetime(dt)
    if key == "date":
        return True, _plain_datetime(dt).replace(hour=0, minute=0, second=0, microsecond=0)
    if key == "utcdatetime":
        return True, _plain_datetime(dt.astimezone(datetime.timezone.utc), datetime.timezone.utc)
    if key == "localdatetime":
        try:
            return True, _plain_datetime(dt.astimezone())
        except (OverflowError, ValueError, OSError):
            return True, _plain_datetime(dt)
    if key == "utcticks":
        return True, Int64(datetime_ticks(dt.astimezone(datetime.timezone.utc)))
    if key == "ticks":
        return True, Int64(datetime_ticks(dt))
    return False, None


def timespan_parts(td: datetime.timedelta) -> dict:
    ticks = timespan_ticks(td)
    sign = -1 if ticks < 0 else 1
    t = abs(ticks)
    days, rem = divmod(t, 864_000_000_000)
    hours, rem = divmod(rem, 36_000_000_000)
    minutes, rem = divmod(rem, 600_000_000)
    seconds, rem = divmod(rem, 10_000_000)
    ms, rem = divmod(rem, 10_000)
    us = rem // 10
    return {"ticks": Int64(ticks), "days": sign * days, "hours": sign * hours, "minutes": sign * minutes,
            "seconds": sign * seconds, "milliseconds": sign * ms, "microseconds": sign * us, "nanoseconds": 0,
            "totaldays": ticks / 864_000_000_000, "totalhours": ticks / 36_000_000_000,
            "totalminutes": ticks / 600_000_000, "totalseconds": ticks / 10_000_000,
            "totalmilliseconds": ticks / 10_000, "totalmicroseconds": ticks / 10, "totalnanoseconds": ticks * 100.0}


def _clamp_total_ms(v: float) -> float:
    return v


def exception_property(exc: PSException, key: str) -> tuple[bool, Any]:
    if key == "message":
        return True, exc.message
    if key == "innerexception":
        return True, exc.inner
    if key == "data":
        return True, _exception_data(exc)
    if key == "stacktrace":
        return True, getattr(exc, "stack_trace", None)
    if key == "source":
        return True, getattr(exc, "source", None)
    if key == "helplink":
        return True, getattr(exc, "help_link", None)
    if key == "hresult":
        return True, getattr(exc, "hresult", None) or _HRESULTS.get(type(exc).dotnet_type, -2146233088)
    if key == "targetsite":
        return True, None
    if key == "errorrecord" and _contains_error_record(exc):
        rec = getattr(exc, "own_error_record", None) or exc.error_record
        if rec is None:
            rec = E.ErrorRecord(exc, exc.error_id or exc.default_error_id, exc.category or exc.default_category,
                                exc.target)
        return True, rec
    if key == "wasthrownfromthrowstatement" and isinstance(exc, RuntimeException):
        return True, bool(exc.was_thrown)
    if key == "errors" and isinstance(exc, E.ParseException):
        from pslark.runtime.languageparser import parse_errors
        return True, parse_errors(exc)
    if key == "paramname" and isinstance(exc, ArgumentException):
        return True, getattr(exc, "param_name", None)
    if key == "actualvalue" and isinstance(exc, ArgumentOutOfRangeException):
        return True, getattr(exc, "actual_value", None)
    if key == "filename" and isinstance(exc, E.FileNotFoundException):
        return True, getattr(exc, "file_name", None)
    if key == "objectname" and isinstance(exc, E.ObjectDisposedException):
        return True, getattr(exc, "object_name", "")
    return False, None


_HRESULTS = {"System.ArgumentException": -2147024809, "System.ArgumentNullException": -2147467261,
             "System.ArgumentOutOfRangeException": -2146233086, "System.InvalidOperationException": -2146233079,
             "System.NotSupportedException": -2146233067, "System.NotImplementedException": -2147467263,
             "System.FormatException": -2146233033, "System.InvalidCastException": -2147467262,
             "System.OverflowException": -2146233066, "System.DivideByZeroException": -2147352558,
             "System.IndexOutOfRangeException": -2146233080, "System.NullReferenceException": -2147467261,
             "System.IO.IOException": -2146232800, "System.IO.FileNotFoundException": -2147024894,
             "System.IO.DirectoryNotFoundException": -2147024893, "System.UnauthorizedAccessException": -2147024891,
             "System.Collections.Generic.KeyNotFoundException": -2146232969,
             "System.TimeoutException": -2146233083, "System.OperationCanceledException": -2146233029}


def _exception_data(exc: PSException) -> Hashtable:
    data = exc.__dict__.get("_ps_data")
    if data is None:
        data = Hashtable(list(exc.data.items()) if isinstance(exc.data, dict) else ())
        exc.__dict__["_ps_data"] = data
    return data


def _contains_error_record(exc: PSException) -> bool:
    """IContainsErrorRecord: RuntimeException and pwsh's PS* exceptions (PSInvalidCastException ...)."""
    return isinstance(exc, RuntimeException) or \
        str(getattr(type(exc), "dotnet_type", "")).startswith("System.Management.Automation.PS")


def exception_property_names(exc: PSException) -> list:
    names = []
    if isinstance(exc, RuntimeException):
        names += ["ErrorRecord", "WasThrownFromThrowStatement"]
    elif _contains_error_record(exc):
        names += ["ErrorRecord"]
    if isinstance(exc, ArgumentException):
        names += ["Message", "ParamName"] if not isinstance(exc, ArgumentOutOfRangeException) else \
            ["Message", "ActualValue", "ParamName"]
        return names + [n for n in _EXCEPTION_PROPS if n != "Message"]
    if isinstance(exc, E.FileNotFoundException):
        return names + ["Message", "FileName", "FusionLog"] + [n for n in _EXCEPTION_PROPS if n != "Message"]
    return names + _EXCEPTION_PROPS


class ErrorCategoryInfo(NetObject):
    __slots__ = ("rec",)
    type_names = ["System.Management.Automation.ErrorCategoryInfo", "System.Object"]
    ps_properties = ("Category", "Activity", "Reason", "TargetName", "TargetType")

    def __init__(self, rec: E.ErrorRecord):
        self.rec = rec

    def _activity(self) -> str:
        r = self.rec
        if r.category_activity:
            return r.category_activity
        inv = r.invocation_info
        if inv is not None and inv.my_command:
            return str(inv.my_command)
        return ""

    def _target_name(self) -> str:
        if self.rec.category_target_name:
            return self.rec.category_target_name
        t = self.rec.target_object
        if t is None:
            return ""
        try:
            return C.to_string(t)
        except PSException:
            return ""

    def _target_type(self) -> str:
        if self.rec.category_target_type:
            return self.rec.category_target_type
        t = self.rec.target_object
        if t is None:
            return ""
        return type_names(t)[0].rsplit(".", 1)[-1]

    def ps_to_string(self) -> str:
        return self.rec.category_info_text()

    _getters = {"category": lambda s: _enum("System.Management.Automation.ErrorCategory", s.rec.category or
                                            "NotSpecified"),
                "activity": lambda s: s._activity(), "reason": lambda s: s.rec.category_reason,
                "targetname": lambda s: s._target_name(), "targettype": lambda s: s._target_type()}


ErrorCategoryInfo.net_methods = T._methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.ps_to_string()),
    NetMethod("GetMessage", ("string GetMessage()", "string GetMessage(cultureinfo uiCultureInfo)"),
              lambda s, a: s.ps_to_string()),
)


class ErrorDetailsValue(NetObject):
    __slots__ = ("message", "recommended_action")
    type_names = ["System.Management.Automation.ErrorDetails", "System.Object"]
    ps_properties = ("Message", "RecommendedAction")

    def __init__(self, message: str, recommended_action: Optional[str] = None):
        self.message = message
        self.recommended_action = recommended_action

    def ps_to_string(self):
        return self.message

    _getters = {"message": lambda s: s.message, "recommendedaction": lambda s: s.recommended_action}
    _setters = {"recommendedaction": lambda s, v: setattr(s, "recommended_action", C.to_string(v))}


class CommandRef(NetObject):
    """InvocationInfo.MyCommand when only the command's name is known."""

    __slots__ = ("name",)
    type_names = ["System.Management.Automation.CommandInfo", "System.Object"]
    ps_properties = ("Name", "CommandType", "Definition")

    def __init__(self, name: str):
        self.name = name

    def ps_to_string(self):
        return self.name

    _getters = {"name": lambda s: s.name, "commandtype": lambda s: "Cmdlet" if "-" in s.name else "Function",
                "definition": lambda s: s.name}


def errorrecord_property(rec: E.ErrorRecord, key: str) -> tuple[bool, Any]:
    if key == "exception":
        return True, rec.exception
    if key == "targetobject":
        return True, rec.target_object
    if key == "categoryinfo":
        return True, ErrorCategoryInfo(rec)
    if key == "fullyqualifiederrorid":
        return True, rec.fully_qualified_error_id
    if key == "errordetails":
        if rec.error_details_message is None:
            return True, None
        return True, ErrorDetailsValue(rec.error_details_message, rec.recommended_action)
    if key == "invocationinfo":
        return True, rec.invocation_info
    if key == "scriptstacktrace":
        return True, rec.script_stack_trace
    if key == "pipelineiterationinfo":
        return True, list(rec.pipeline_iteration_info)
    if key == "psmessagedetails":
        return True, None
    extras = rec.serialized_extras
    if isinstance(extras, dict):
        for k, v in extras.items():
            if str(k).casefold() == key:
                return True, v
    return False, None


def invocation_property(inv: E.InvocationInfo, key: str) -> tuple[bool, Any]:
    if key == "mycommand":
        mc = inv.my_command
        return True, CommandRef(mc) if isinstance(mc, str) else mc
    if key == "boundparameters":
        b = inv.bound_parameters
        return True, b if isinstance(b, Hashtable) else Hashtable(list(b.items()) if isinstance(b, dict) else ())
    if key == "unboundarguments":
        return True, []
    if key == "scriptlinenumber":
        return True, inv.script_line_number
    if key == "offsetinline":
        return True, inv.offset_in_line
    if key == "historyid":
        return True, 1
    if key == "scriptname":
        return True, inv.script_name or ""
    if key == "line":
        try:
            return True, inv.line
        except Exception:   # noqa: BLE001 - extents from other processes may be partial
            return True, ""
    if key == "statement":
        ext = inv.extent
        return True, getattr(ext, "text", "") if ext is not None else ""
    if key == "positionmessage":
        try:
            return True, inv.position_message()
        except Exception:   # noqa: BLE001
            return True, ""
    if key == "psscriptroot":
        import os
        return True, os.path.dirname(inv.script_name) if inv.script_name else ""
    if key == "pscommandpath":
        return True, inv.script_name or ""
    if key == "invocationname":
        return True, inv.invocation_name or ""
    if key == "pipelinelength":
        return True, 1 if inv.my_command else 0
    if key == "pipelineposition":
        return True, inv.pipeline_position
    if key == "expectinginput":
        return True, False
    if key == "commandorigin":
        return True, "Internal"
    if key == "displayscriptposition":
        return True, None
    return False, None


def scriptblock_property(sb: Any, key: str) -> tuple[bool, Any]:
    if key == "file":
        ext = getattr(sb.ast, "extent", None)
        return True, getattr(ext, "file", None) if ext is not None else None
    if key == "isfilter":
        return True, bool(getattr(sb, "is_filter", False))
    if key in ("isconfiguration", "debuggerhidden"):
        return True, False
    if key == "attributes":
        return True, []
    if key == "module":
        return True, None
    if key == "id":
        return True, uuid.uuid5(uuid.NAMESPACE_OID, str(id(sb.ast)))
    if key == "ast":
        return True, sb.ast
    if key == "startposition":
        return True, getattr(sb.ast, "extent", None)
    return False, None


def culture_property(c: Any, key: str) -> tuple[bool, Any]:
    from pslark.runtime.culture import invariant_culture
    if key == "name":
        return True, c.name
    if key in ("displayname", "englishname", "nativename"):
        return True, c.display_name
    if key == "lcid":
        return True, c.lcid
    if key == "keyboardlayoutid":
        return True, c.lcid
    if key == "ietflanguagetag":
        return True, c.name
    if key == "twoletterisolanguagename":
        return True, c.two_letter
    if key in ("threeletterisolanguagename", "threeletterwindowslanguagename"):
        return True, {"iv": "ivl", "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita",
                      "nl": "nld"}.get(c.two_letter, c.two_letter)
    if key == "parent":
        if not c.name:
            return True, c
        return True, invariant_culture() if "-" not in c.name else c
    if key == "textinfo":
        return True, T.TextInfo(c)
    if key == "numberformat":
        return True, T.NumberFormatInfo(c)
    if key == "datetimeformat":
        return True, T.DateTimeFormatInfo(c)
    if key == "isneutralculture":
        return True, bool(c.name) and "-" not in c.name
    if key in ("calendar",):
        return True, "System.Globalization.GregorianCalendar"
    if key == "optionalcalendars":
        return True, ["System.Globalization.GregorianCalendar"]
    if key == "compareinfo":
        return True, f"CompareInfo - {c.name}"
    if key == "culturetypes":
        return True, "InstalledWin32Cultures" if not c.name else "SpecificCultures, InstalledWin32Cultures"
    if key == "useuseroverride":
        return True, True
    if key == "isreadonly":
        return True, c.read_only
    return False, None


# ==============================================================================================
# Intrinsic members

class TypeNameList(PSList):
    """PSObject.TypeNames (`.pstypenames`): a string collection (Add/Insert/Remove return nothing)."""

    __slots__ = ()

    def __init__(self, items=()):
        super().__init__(items, "System.Management.Automation.PSObject+ConsolidatedString",
                         T.resolve_type("System.String"))


def pstypenames(value: Any) -> list:
    if isinstance(value, PSObject):
        if not isinstance(value.type_names, TypeNameList):
            value.type_names = TypeNameList(type_names(value))
        return value.type_names
    return TypeNameList(type_names(value))


class PSPropertyView(NetObject):
    """One entry of `.PSObject.Properties` (PSNoteProperty / PSProperty / PSScriptProperty)."""

    __slots__ = ("obj", "name", "kind", "entry")
    ps_properties = ("Value", "MemberType", "IsSettable", "IsGettable", "TypeNameOfValue", "Name", "IsInstance")

    def __init__(self, obj: Any, name: str, kind: str, entry: Optional[PSNoteProperty] = None):
        self.obj, self.name, self.kind, self.entry = obj, name, kind, entry

    @property
    def type_names(self):
        cls = {"NoteProperty": "PSNoteProperty", "ScriptProperty": "PSScriptProperty",
               "AliasProperty": "PSAliasProperty", "CodeProperty": "PSCodeProperty"}.get(self.kind, "PSProperty")
        return [f"System.Management.Automation.{cls}", "System.Management.Automation.PSPropertyInfo",
                "System.Management.Automation.PSMemberInfo", "System.Object"]

    def value(self) -> Any:
        if self.entry is not None:
            return self.entry.getter(self.obj) if self.entry.getter is not None else self.entry.value
        return get_member(self.obj, self.name)

    def set_value(self, v: Any) -> None:
        set_member(self.obj, self.name, v)

    def type_name_of_value(self) -> str:
        v = self.value()
        return "System.Object" if v is None else type_names(v)[0]

    def definition(self) -> str:
        if self.kind == "ScriptProperty" and self.entry is not None:
            scripts = self.entry.value if isinstance(self.entry.value, tuple) else (None, None)
            g = scripts[0] if scripts else None
            parts = []
            if g is not None:
                parts.append(f"get={g};")
            if len(scripts) > 1 and scripts[1] is not None:
                parts.append(f"set={scripts[1]};")
            return f"System.Object {self.name} {{{''.join(parts) or 'get;'}}}"
        v = self.value()
        if self.kind in ("NoteProperty",):
            return f"{_value_type_short(v)} {self.name}={_note_text(v)}"
        settable = "get;set;" if self._settable() else "get;"
        return f"{_value_type_short(v)} {self.name} {{{settable}}}"

    def _settable(self) -> bool:
        if self.kind in ("NoteProperty", "ScriptProperty"):
            return self.kind == "NoteProperty" or (self.entry is not None and self.entry.setter is not None)
        return _is_settable(self.obj, self.name)

    def ps_to_string(self) -> str:
        return self.definition()

    _getters = {"value": lambda s: s.value(), "membertype": lambda s: _enum(
        "System.Management.Automation.PSMemberTypes", s.kind), "issettable": lambda s: s._settable(),
        "isgettable": lambda s: True, "typenameofvalue": lambda s: s.type_name_of_value(), "name": lambda s: s.name,
        "isinstance": lambda s: s.kind in ("NoteProperty", "Property")}
    _setters = {"value": lambda s, v: s.set_value(v)}


PSPropertyView.net_methods = T._methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.definition()),
    NetMethod("Copy", ("psmemberinfo Copy()",), lambda s, a: PSNoteProperty(s.name, s.value())),
)


def _note_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return " ".join(_note_text(x) for x in v) if all(not isinstance(x, (list, tuple)) for x in v) else \
            type_names(v)[0]
    try:
        return C.to_string(v)
    except PSException:
        return type_names(v)[0]


class PSMemberCollection(NetObject):
    """`.PSObject.Properties` / `.Methods` / `.Members`: enumerable, indexable by name, Add/Remove/Match."""

    __slots__ = ("obj", "kind")
    ps_properties = ()

    def __init__(self, obj: Any, kind: str):
        self.obj, self.kind = obj, kind

    @property
    def type_names(self):
        item = {"properties": "PSPropertyInfo", "methods": "PSMethodInfo"}.get(self.kind, "PSMemberInfo")
        return [f"System.Management.Automation.PSMemberInfoIntegratingCollection`1[[System.Management.Automation."
                f"{item}, System.Management.Automation, Version=7.4.0.0, Culture=neutral, "
                "PublicKeyToken=31bf3856ad364e35]]", "System.Object"]

    def items(self) -> list:
        if self.kind == "properties":
            return property_views(self.obj)
        if self.kind == "methods":
            return method_infos(self.obj)
        return property_views(self.obj) + method_infos(self.obj)

    def ps_enumerate(self):
        return iter(self.items())

    def __iter__(self):
        return iter(self.items())

    def __len__(self):
        return len(self.items())

    def ps_index(self, index: Any) -> Any:
        if isinstance(index, (list, tuple)):
            return [self.ps_index(i) for i in index]
        name = C.to_string(index)
        for m in self.items():
            if m.name.casefold() == name.casefold():
                return m
        return None

    def ps_to_string(self):
        return self.type_names[0]

    _getters = {"count": lambda s: len(s.items())}


def _coll_add(coll: PSMemberCollection, args):
    member = unwrap(args[0])
    obj = coll.obj
    if not isinstance(obj, PSObject):
        raise MethodException("Cannot add a member to this object.", error_id="CannotAddMember")
    if isinstance(member, PSNoteProperty):
        if obj.has_property(member.name) and not (len(args) > 1 and C.to_bool(args[1])):
            raise T.ExtendedTypeSystemException(
                f"Cannot add a member with the name \"{member.name}\" because a member with that name already "
                "exists. To overwrite the member anyway, add the Force parameter to your command.")
        obj._props[member.name.casefold()] = member
        return None
    if isinstance(member, PSPropertyView):
        obj.add_property(member.name, member.value())
        return None
    raise T.ArgConversionError(member, "member", "System.Management.Automation.PSPropertyInfo",
                               "A PSPropertyInfo is required.")


def _coll_remove(coll: PSMemberCollection, args):
    obj = coll.obj
    name = a_str(args, 0, "name")
    if isinstance(obj, PSObject):
        obj.remove_property(name)
        if obj.methods:
            obj.methods.pop(name.casefold(), None)


def _coll_match(coll: PSMemberCollection, args):
    from pslark.runtime.wildcard import wildcard_to_regex
    rx = wildcard_to_regex(a_str(args, 0, "name") or "*")
    return [m for m in coll.items() if rx.match(m.name)]


PSMemberCollection.net_methods = T._methods(
    NetMethod("Add", ("void Add(T member)", "void Add(T member, bool preValidated)"), _coll_add),
    NetMethod("Remove", ("void Remove(string name)",), _coll_remove),
    NetMethod("Match", ("System.Collections.ObjectModel.ReadOnlyCollection[T] Match(string name)",
                        "System.Collections.ObjectModel.ReadOnlyCollection[T] Match(string name, "
                        "System.Management.Automation.PSMemberTypes memberTypes)"), _coll_match),
    NetMethod("GetEnumerator", ("System.Collections.Generic.IEnumerator[T] GetEnumerator()",),
              lambda c, a: c.items()),
    NetMethod("Item", ("T Item(string name) {get;}",), lambda c, a: c.ps_index(a_str(a, 0, "name"))),
)


def property_views(obj: Any) -> list:
    out = []
    seen = set()
    if isinstance(obj, PSObject):
        for p in obj.properties():
            out.append(PSPropertyView(obj, p.name, p.member_type or "NoteProperty", p))
            seen.add(p.name.casefold())
        if obj.base is None:
            return out
        base = obj.base
    else:
        base = obj
    for n in property_names(base):
        if n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(PSPropertyView(base, n, "Property"))
    return out


def method_infos(obj: Any) -> list:
    out = []
    if isinstance(obj, PSObject) and obj.methods:
        for key, m in obj.methods.items():
            out.append(PSMethodInfo(obj, _script_method(key, m), script=True))
    target = obj.base if isinstance(obj, PSObject) and obj.base is not None else obj
    for m in methods_of(target).values():
        out.append(PSMethodInfo(target, m))
    return out


class PSObjectView(NetObject):
    """`.PSObject`: the object's metadata (Properties, Methods, Members, TypeNames, BaseObject)."""

    __slots__ = ("obj",)
    type_names = ["System.Management.Automation.PSObject", "System.Object"]
    ps_properties = ("BaseObject", "Members", "Properties", "Methods", "ImmediateBaseObject", "TypeNames")

    def __init__(self, obj: Any):
        self.obj = obj

    def base(self):
        o = self.obj
        return o.base if isinstance(o, PSObject) and o.base is not None else o

    def ps_to_string(self):
        try:
            return C.to_string(self.obj)
        except PSException:
            return ""

    _getters = {"baseobject": lambda s: s.base(), "immediatebaseobject": lambda s: s.base(),
                "members": lambda s: PSMemberCollection(s.obj, "members"),
                "properties": lambda s: PSMemberCollection(s.obj, "properties"),
                "methods": lambda s: PSMemberCollection(s.obj, "methods"),
                "typenames": lambda s: pstypenames(s.obj)}


def _copy_object(view: PSObjectView, args):
    o = view.obj
    if isinstance(o, PSObject):
        new = type(o).__new__(type(o))
        PSObject.__init__(new, (), list(o.type_names), o.base)
        for p in o.properties():
            new._props[p.name.casefold()] = PSNoteProperty(p.name, p.value, p.getter, p.setter, p.member_type)
        new.methods = dict(o.methods) if o.methods else None
        for attr in ("string_value", "hidden"):
            if hasattr(o, attr):
                try:
                    setattr(new, attr, getattr(o, attr))
                except AttributeError:
                    pass
        return new
    if isinstance(o, Hashtable):
        return o.copy()
    if isinstance(o, list):
        return type(o)(o) if type(o) is list else list(o)
    return o


PSObjectView.net_methods = T._methods(
    NetMethod("Copy", ("psobject Copy()",), _copy_object),
    NetMethod("ToString", ("string ToString()", "string ToString(string format, System.IFormatProvider "
                           "formatProvider)"), lambda s, a: s.ps_to_string()),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda s, a: id(s.obj) & 0x7FFFFFFF),
)


class DictBaseView(NetObject):
    """`$hashtable.psbase`: the dictionary's .NET members without key lookup."""

    __slots__ = ("d",)
    ps_properties = ()

    def __init__(self, d: Hashtable):
        self.d = d

    @property
    def type_names(self):
        return type_names(self.d)

    def ps_get(self, name: str):
        found, v = T.dictionary_property(self.d, name.casefold())
        if found:
            return v
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        return invoke_method(self.d, name, args)


def _added_members(value: Any) -> Optional[PSObject]:
    """The PSObject holding what Add-Member attached to a value that is not a PSObject (pwsh's resurrection
    table: `$file | Add-Member Foo 1; $file.Foo` finds it through the object itself), or None."""
    objects = sys.modules.get("pslark.runtime.cmdlets.objects")
    if objects is None or objects._wrappers_by_runspace is None:
        return None
    base = value
    if isinstance(value, PSObject):
        if value.base is None:
            return None
        base = value.base
    wrapper = objects.with_instance_members(base)
    return wrapper if isinstance(wrapper, PSObject) and wrapper is not value else None


def _intrinsic(value: Any, key: str) -> Any:
    if key == "psobject":
        extra = _added_members(value)
        return PSObjectView(extra if extra is not None else value)
    if key == "pstypenames":
        return pstypenames(value)
    if key in ("psbase", "psadapted"):
        if isinstance(value, PSObject):
            return value.base if value.base is not None else value
        if isinstance(value, Hashtable):
            return DictBaseView(value)
        return value
    if key == "psextended":
        return PSObjectView(value)
    return _MISSING


# ==============================================================================================
# Property lookup

def lookup_property(value: Any, name: str) -> Any:
    """The value of property `name`, or _MISSING (no member-access enumeration, no intrinsics)."""
    key = name.casefold()
    if isinstance(value, PSObject):
        prop = value._props.get(key)
        if prop is not None:
            return prop.value if prop.getter is None else prop.getter(value)
        if value.base is not None:
            return lookup_property(value.base, name)
        return _MISSING
    if isinstance(value, Hashtable):
        if isinstance(value, T.GenericDictionary):
            kt = value.key_type
            if kt is None or kt.full_name in ("System.String", "System.Object"):
                try:
                    if name in value:
                        return value[name]
                except PSException:
                    pass
        else:
            entry = value._data.get(key)
            if entry is not None:
                return entry[1]
        found, v = T.dictionary_property(value, key)
        return v if found else _MISSING
    if isinstance(value, str):
        if key == "length":
            return len(value)
        return _MISSING
    if isinstance(value, PSList):
        found, v = T.list_property(value, key)
        return v if found else _MISSING
    if isinstance(value, (list, tuple)):
        if key in ("count", "length"):
            return len(value)
        if key == "longlength":
            return Int64(len(value))
        if key == "rank":
            return 1
        if key == "syncroot":
            return value
        if key == "isreadonly":
            return False
        if key == "isfixedsize":
            return True
        if key == "issynchronized":
            return False
        if isinstance(value, list) and not type(value) is list:
            return _lookup_object(value, name, key)
        return _MISSING
    if isinstance(value, (bool, int, float, _Dec)):
        if isinstance(value, EnumValue) and key == "value__":
            return int(value)
        return _MISSING
    if isinstance(value, datetime.datetime):
        found, v = datetime_property(value, key)
        return v if found else _MISSING
    if isinstance(value, datetime.timedelta):
        return timespan_parts(value).get(key, _MISSING)
    if isinstance(value, uuid.UUID):
        return str(value) if key == "guid" else _MISSING
    if isinstance(value, PSException):
        found, v = exception_property(value, key)
        return v if found else _MISSING
    if isinstance(value, E.ErrorRecord):
        found, v = errorrecord_property(value, key)
        return v if found else _MISSING
    if isinstance(value, E.InvocationInfo):
        found, v = invocation_property(value, key)
        return v if found else _MISSING
    if _is_culture(value):
        found, v = culture_property(value, key)
        return v if found else _MISSING
    if type(value).__name__ == "ScriptBlock":
        found, v = scriptblock_property(value, key)
        return v if found else _MISSING
    if type(value).__name__ == "DotNetRegex":
        found, v = T.regex_property(value, key)
        return v if found else _MISSING
    if isinstance(value, PSNoteProperty):
        return PSPropertyView(None, value.name, value.member_type or "NoteProperty", value).ps_get(name) \
            if key in ("name", "value", "membertype", "typenameofvalue", "isinstance", "issettable", "isgettable") \
            else _MISSING
    return _lookup_object(value, name, key)


def _lookup_object(value: Any, name: str, key: str) -> Any:
    """Modelled objects: `ps_get`, then attributes named in `ps_properties` (as is, then snake_case)."""
    getter = getattr(value, "ps_get", None)
    if getter is not None:
        try:
            return getter(name)
        except (AttributeError, KeyError):
            pass
    props = getattr(value, "ps_properties", None)
    if props:
        if callable(props) and not isinstance(props, (list, tuple)):
            try:
                props = props()
            except Exception:   # noqa: BLE001
                props = ()
        for p in props:
            if str(p).casefold() == key:
                for attr in (str(p), _snake(str(p)), key):
                    if hasattr(value, attr):
                        v = getattr(value, attr)
                        if callable(v) and not isinstance(v, (type, T.PSType)) and _is_bound_method(v):
                            continue
                        return v
                return None
    return _MISSING


def _is_bound_method(v: Any) -> bool:
    return hasattr(v, "__self__") and hasattr(v, "__func__")


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or (i + 1 < len(name) and name[i + 1].islower())):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _is_enumerable_for_members(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return True
    if isinstance(value, (str, Hashtable, PSObject)):
        return False
    return getattr(value, "ps_enumerate", None) is not None


def _items(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    enum = getattr(value, "ps_enumerate", None)
    if enum is not None:
        return list(enum())
    return [value]


def _collapse(results: list) -> Any:
    if not results:
        return None
    if len(results) == 1:
        return results[0]
    return results


def get_member(value: Any, name: str) -> Any:
    """`$value.Name`: property value, dictionary key, intrinsic member or member-access enumeration; $null when
    nothing matches (outside strict mode)."""
    t = type(value)
    if t is PSObject or isinstance(value, PSObject):
        prop = value._props.get(name.casefold())
        if prop is not None:
            return prop.value if prop.getter is None else _guard(prop.getter, value)
    elif t is Hashtable or t is OrderedDictionary:
        entry = value._data.get(name.casefold())
        if entry is not None:
            return entry[1]
    elif t is list or t is str:
        key = name.casefold()
        if key == "length" or (key == "count" and t is list):
            return len(value)
    return _guard(_get_member_slow, value, name)


def _get_member_slow(value: Any, name: str) -> Any:
    if value is None or value is AUTOMATION_NULL:
        key = name.casefold()
        return 0 if key in ("count", "length") else None
    v = lookup_property(value, name)
    if v is not _MISSING:
        return v
    extra = _added_members(value)
    if extra is not None:
        v = lookup_property(extra, name)
        if v is not _MISSING:
            return v
    key = name.casefold()
    v = _intrinsic(value, key)
    if v is not _MISSING:
        return v
    target = value.base if isinstance(value, PSObject) and value.base is not None else value
    if not (key in ("count", "length") and _is_enumerable_for_members(target)):
        v = _method_value(value, key)
        if v is not _MISSING:
            return v
    if _is_enumerable_for_members(target):
        results = []
        for item in _items(target):
            if item is None:
                continue
            r = lookup_property(item, name)
            if r is _MISSING:
                if key in ("count", "length") and not isinstance(item, (list, tuple)):
                    r = 1
                else:
                    continue
            if isinstance(r, (list, tuple)) and not isinstance(r, (str,)):
                results.extend(r)
            else:
                results.append(r)
        return _collapse(results)
    if key in ("count", "length"):
        return 1
    return None


def has_property(value: Any, name: str) -> bool:
    """Does the value (not its elements) have this property?"""
    try:
        return _guard(lookup_property, value, name) is not _MISSING
    except PSException:
        return False


# ==============================================================================================
# String methods

def _s_arg_str(args, i, param):
    v = unwrap(args[i])
    if v is None:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    if isinstance(v, str):
        return str.__str__(v)
    return a_str(args, i, param)


def _comparison_arg(args, i) -> str:
    return T._comparison(args[i])


def _fold_if(s: str, comparison: str) -> str:
    return s.casefold() if "IgnoreCase" in comparison else s


def _substring(s: str, a):
    start = a_int(a, 0, "startIndex")
    if len(a) == 1:
        if start < 0:
            raise ArgumentOutOfRangeException("StartIndex cannot be less than zero. (Parameter 'startIndex')")
        if start > len(s):
            raise ArgumentOutOfRangeException("startIndex cannot be larger than length of string. "
                                              "(Parameter 'startIndex')")
        return s[start:]
    length = a_int(a, 1, "length")
    if start < 0:
        raise ArgumentOutOfRangeException("StartIndex cannot be less than zero. (Parameter 'startIndex')")
    if start > len(s):
        raise ArgumentOutOfRangeException("startIndex cannot be larger than length of string. "
                                          "(Parameter 'startIndex')")
    if length < 0:
        raise ArgumentOutOfRangeException("Length cannot be less than zero. (Parameter 'length')")
    if start + length > len(s):
        raise ArgumentOutOfRangeException("Index and length must refer to a location within the string. "
                                          "(Parameter 'length')")
    return s[start:start + length]


def _split_seps(arg: Any) -> tuple[list, bool]:
    """Separators of String.Split from the first argument: (list, is_char_mode)."""
    v = unwrap(arg)
    if v is None:
        return [], True
    if isinstance(v, PSChar):
        return [str.__str__(v)], True
    if isinstance(v, str):
        return ([v] if v else []), len(v) == 1
    if isinstance(v, (list, tuple)):
        items = [C.to_string(x) for x in v]
        if all(len(x) == 1 for x in items):
            return items, True
        return [x for x in items if x], False
    return [C.to_string(v)], False


def _split_options(v: Any) -> int:
    v = unwrap(v)
    if isinstance(v, EnumValue) or T.is_integer(v):
        return int(v)
    t = T.resolve_type("System.StringSplitOptions")
    try:
        return int(t.convert(v))
    except PSException as e:
        raise T.ArgConversionError(v, "options", "System.StringSplitOptions", e.message)


def net_split(s: str, seps: list, count: int = INT32_MAX, options: int = 0) -> list:
    remove_empty, trim = bool(options & 1), bool(options & 2)
    if count < 0:
        raise ArgumentOutOfRangeException("Count cannot be less than zero. (Parameter 'count')")
    if count == 0:
        return []
    whitespace = not seps

    def finish(piece):
        return piece.strip() if trim else piece

    if count == 1 or s == "":
        single = finish(s)
        return [] if remove_empty and single == "" else [single]
    out: list = []
    i, start, n = 0, 0, len(s)
    while i < n:
        if whitespace:
            match = s[i] if (s[i].isspace() or s[i] in "\x85\xa0") else None
        else:
            match = None
            for sep in seps:
                if s.startswith(sep, i):
                    match = sep
                    break
        if match is None:
            i += 1
            continue
        piece = finish(s[start:i])
        i += len(match)
        start = i
        if remove_empty and piece == "":
            continue
        out.append(piece)
        if len(out) == count - 1:
            rest = s[start:]
            if remove_empty:
                # .NET skips separators at the start of the remainder
                while True:
                    skipped = False
                    for sep in (seps or [c for c in rest[:1] if c.isspace()]):
                        if sep and rest.startswith(sep):
                            rest = rest[len(sep):]
                            skipped = True
                            break
                    if not skipped:
                        break
            rest = finish(rest)
            if not (remove_empty and rest == ""):
                out.append(rest)
            return out
    last = finish(s[start:])
    if not (remove_empty and last == ""):
        out.append(last)
    return out


def _split(s: str, a):
    if not a:
        return T.string_array(net_split(s, []))
    seps, _ = _split_seps(a[0])
    count, options = INT32_MAX, 0
    if len(a) == 2:
        second = unwrap(a[1])
        if isinstance(second, EnumValue) or (isinstance(second, str) and not second.strip().lstrip("-").isdigit()):
            options = _split_options(second)
        else:
            count = a_int(a, 1, "count")
    elif len(a) >= 3:
        count = a_int(a, 1, "count")
        options = _split_options(a[2])
    return T.string_array(net_split(s, seps, count, options))


def _replace(s: str, a):
    old = unwrap(a[0])
    if old is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'oldValue')")
    old = C.to_string(old)
    new = unwrap(a[1])
    new = "" if new is None else C.to_string(new)
    if old == "":
        raise ArgumentException("String cannot be of zero length. (Parameter 'oldValue')")
    ignore = False
    if len(a) == 3:
        ignore = "IgnoreCase" in _comparison_arg(a, 2)
    elif len(a) == 4:
        ignore = C.to_bool(a[2])
    if not ignore:
        return s.replace(old, new)
    import re
    return re.sub(re.escape(old), lambda m: new, s, flags=re.IGNORECASE)


def _contains(s: str, a):
    v = unwrap(a[0])
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'value')")
    v = C.to_string(v)
    if len(a) > 1:
        comp = _comparison_arg(a, 1)
        return _fold_if(v, comp) in _fold_if(s, comp)
    return v in s


def _index_args(s: str, a, last: bool):
    v = unwrap(a[0])
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'value')")
    needle = C.to_string(v)
    comp = "CurrentCulture"
    nums = []
    for x in a[1:]:
        ux = unwrap(x)
        if isinstance(ux, EnumValue) or (isinstance(ux, str) and not ux.strip().lstrip("-").isdigit()):
            comp = T._comparison(ux)
        else:
            nums.append(x)
    start = C.to_int(nums[0]) if nums else (len(s) - 1 if last else 0)
    count = C.to_int(nums[1]) if len(nums) > 1 else None
    return needle, comp, start, count


def _index_of(s: str, a):
    needle, comp, start, count = _index_args(s, a, False)
    if start < 0 or start > len(s):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than or equal to "
                                          "the size of the collection. (Parameter 'startIndex')")
    end = len(s) if count is None else start + count
    if count is not None and (count < 0 or end > len(s)):
        raise ArgumentOutOfRangeException("Count must be positive and count must refer to a location within the "
                                          "string/array/collection. (Parameter 'count')")
    return _fold_if(s, comp).find(_fold_if(needle, comp), start, end)


def _last_index_of(s: str, a):
    needle, comp, start, count = _index_args(s, a, True)
    if s == "":
        return 0 if needle == "" else -1
    if start < 0 or start >= len(s):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'startIndex')")
    begin = 0 if count is None else start - count + 1
    return _fold_if(s, comp).rfind(_fold_if(needle, comp), max(begin, 0), start + 1)


def _chars_of(v: Any) -> str:
    v = unwrap(v)
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'anyOf')")
    if isinstance(v, (list, tuple)):
        return "".join(C.to_string(x) for x in v)
    return C.to_string(v)


def _index_of_any(s: str, a, last=False):
    chars = set(_chars_of(a[0]))
    rng = range(len(s) - 1, -1, -1) if last else range(a_int(a, 1, "startIndex") if len(a) > 1 else 0, len(s))
    for i in rng:
        if s[i] in chars:
            return i
    return -1


def _starts_ends(ends: bool):
    def run(s: str, a):
        v = unwrap(a[0])
        if v is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'value')")
        v = C.to_string(v)
        comp = "CurrentCulture"
        if len(a) == 2:
            comp = _comparison_arg(a, 1)
        elif len(a) == 3:
            comp = "CurrentCultureIgnoreCase" if C.to_bool(a[1]) else "CurrentCulture"
        hay, needle = _fold_if(s, comp), _fold_if(v, comp)
        return hay.endswith(needle) if ends else hay.startswith(needle)
    return run


def _pad(left: bool):
    def run(s: str, a):
        width = a_int(a, 0, "totalWidth")
        if width < 0:
            raise ArgumentOutOfRangeException("Non-negative number required. (Parameter 'totalWidth')")
        ch = T.a_char(a, 1, "paddingChar") if len(a) > 1 else " "
        return s.rjust(width, ch) if left else s.ljust(width, ch)
    return run


def _trim(which: str):
    def run(s: str, a):
        if not a:
            chars = None
        elif len(a) == 1:
            v = unwrap(a[0])
            chars = None if v is None else _chars_of(v)
            if chars == "":
                chars = None
        else:
            chars = "".join(C.to_string(x) for x in a)
        if chars is None:
            ws = "".join(c for c in (" \t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                                     "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"))
            chars = ws
        if which == "both":
            return s.strip(chars)
        return s.lstrip(chars) if which == "start" else s.rstrip(chars)
    return run


def _insert(s: str, a):
    idx = a_int(a, 0, "startIndex")
    v = unwrap(a[1])
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'value')")
    if idx < 0 or idx > len(s):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than or equal to "
                                          "the size of the collection. (Parameter 'startIndex')")
    return s[:idx] + C.to_string(v) + s[idx:]


def _remove(s: str, a):
    start = a_int(a, 0, "startIndex")
    if start < 0:
        raise ArgumentOutOfRangeException("StartIndex cannot be less than zero. (Parameter 'startIndex')")
    if len(a) == 1:
        if start > len(s):
            raise ArgumentOutOfRangeException("startIndex must be less than length of string. (Parameter "
                                              "'startIndex')")
        return s[:start]
    count = a_int(a, 1, "count")
    if count < 0:
        raise ArgumentOutOfRangeException("Count cannot be less than zero. (Parameter 'count')")
    if start + count > len(s):
        raise ArgumentOutOfRangeException("Index and count must refer to a location within the string. "
                                          "(Parameter 'count')")
    return s[:start] + s[start + count:]


def _normal_form(a) -> str:
    if not a:
        return "NFC"
    v = unwrap(a[0])
    name = str(v) if isinstance(v, EnumValue) else C.to_string(v)
    return {"formc": "NFC", "formd": "NFD", "formkc": "NFKC", "formkd": "NFKD", "1": "NFC", "2": "NFD",
            "5": "NFKC", "6": "NFKD"}.get(name.casefold(), "NFC")


def _normalize(s: str, a):
    import unicodedata
    return unicodedata.normalize(_normal_form(a), s)


def _is_normalized(s: str, a):
    import unicodedata
    return unicodedata.is_normalized(_normal_form(a), s)


def _to_char_array(s: str, a):
    if a:
        start, length = a_int(a, 0, "startIndex"), a_int(a, 1, "length")
        if start < 0 or length < 0 or start + length > len(s):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'startIndex')")
        s = s[start:start + length]
    return T.char_array(s)


def _str_equals(s: str, a):
    v = unwrap(a[0])
    if not isinstance(v, str) or isinstance(v, PSChar):
        return False
    comp = _comparison_arg(a, 1) if len(a) > 1 else "Ordinal"
    return T.str_compare(s, str(v), comp) == 0


def _str_compare_to(s: str, a):
    v = unwrap(a[0])
    if v is None:
        return 1
    if not isinstance(v, str):
        raise ArgumentException("Object must be of type String.")
    return C.string_compare(s, str(v), True)


def _replace_line_endings(s: str, a):
    import re
    repl = a_str(a, 0, "replacementText") if a else "\n"
    return re.sub("\r\n|[\r\n\f\x85\u2028\u2029]", lambda m: repl, s)


def _iconvertible(kind: str):
    def run(s, a):
        culture = T._culture_arg(a[0]) if a and a[0] is not None else None
        if kind == "bool":
            return T._convert_to_bool(None, [s])
        if kind == "char":
            return T._convert_to_char(None, [s])
        if kind == "datetime":
            return T._dt_parse(None, [s] + ([culture] if culture else []))
        if kind == "string":
            return s
        return T.parse_number_text(s, kind, None, culture)
    return run


def _str_format_provider(s, a):
    return s


def _m(name, defs, fn):
    return NetMethod(name, defs, fn)


STRING_METHODS = T._methods(
    _m("Clone", ("System.Object Clone()", "System.Object ICloneable.Clone()"), lambda s, a: s),
    _m("CompareTo", ("int CompareTo(System.Object value)", "int CompareTo(string strB)"), _str_compare_to),
    _m("Contains", ("bool Contains(string value)", "bool Contains(string value, System.StringComparison comparisonType)",
                    "bool Contains(char value)", "bool Contains(char value, System.StringComparison comparisonType)"),
       _contains),
    _m("EndsWith", ("bool EndsWith(string value)", "bool EndsWith(string value, System.StringComparison "
                    "comparisonType)", "bool EndsWith(string value, bool ignoreCase, cultureinfo culture)",
                    "bool EndsWith(char value)"), _starts_ends(True)),
    _m("Equals", ("bool Equals(System.Object obj)", "bool Equals(string value)",
                  "bool Equals(string value, System.StringComparison comparisonType)",
                  "bool IEquatable[string].Equals(string other)"), _str_equals),
    _m("GetEnumerator", ("System.CharEnumerator GetEnumerator()",
                         "System.Collections.Generic.IEnumerator[char] IEnumerable[char].GetEnumerator()",
                         "System.Collections.IEnumerator IEnumerable.GetEnumerator()"),
       lambda s, a: [PSChar(c) for c in s]),
    _m("GetHashCode", ("int GetHashCode()", "int GetHashCode(System.StringComparison comparisonType)"),
       lambda s, a: hash(s) & 0x7FFFFFFF),
    _m("GetTypeCode", ("System.TypeCode GetTypeCode()", "System.TypeCode IConvertible.GetTypeCode()"),
       lambda s, a: _enum("System.TypeCode", "String")),
    _m("IndexOf", ("int IndexOf(char value)", "int IndexOf(char value, int startIndex)",
                   "int IndexOf(char value, System.StringComparison comparisonType)",
                   "int IndexOf(char value, int startIndex, int count)", "int IndexOf(string value)",
                   "int IndexOf(string value, int startIndex)", "int IndexOf(string value, int startIndex, int count)",
                   "int IndexOf(string value, System.StringComparison comparisonType)",
                   "int IndexOf(string value, int startIndex, System.StringComparison comparisonType)",
                   "int IndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)"),
       _index_of),
    _m("IndexOfAny", ("int IndexOfAny(char[] anyOf)", "int IndexOfAny(char[] anyOf, int startIndex)",
                      "int IndexOfAny(char[] anyOf, int startIndex, int count)"), _index_of_any),
    _m("Insert", ("string Insert(int startIndex, string value)",), _insert),
    _m("IsNormalized", ("bool IsNormalized()", "bool IsNormalized(System.Text.NormalizationForm normalizationForm)"),
       _is_normalized),
    _m("LastIndexOf", ("int LastIndexOf(char value)", "int LastIndexOf(char value, int startIndex)",
                       "int LastIndexOf(char value, int startIndex, int count)", "int LastIndexOf(string value)",
                       "int LastIndexOf(string value, int startIndex)",
                       "int LastIndexOf(string value, int startIndex, int count)",
                       "int LastIndexOf(string value, System.StringComparison comparisonType)",
                       "int LastIndexOf(string value, int startIndex, System.StringComparison comparisonType)",
                       "int LastIndexOf(string value, int startIndex, int count, System.StringComparison "
                       "comparisonType)"), _last_index_of),
    _m("LastIndexOfAny", ("int LastIndexOfAny(char[] anyOf)", "int LastIndexOfAny(char[] anyOf, int startIndex)",
                          "int LastIndexOfAny(char[] anyOf, int startIndex, int count)"),
       lambda s, a: _index_of_any(s, a, True)),
    _m("Normalize", ("string Normalize()", "string Normalize(System.Text.NormalizationForm normalizationForm)"),
       _normalize),
    _m("PadLeft", ("string PadLeft(int totalWidth)", "string PadLeft(int totalWidth, char paddingChar)"), _pad(True)),
    _m("PadRight", ("string PadRight(int totalWidth)", "string PadRight(int totalWidth, char paddingChar)"),
       _pad(False)),
    _m("Remove", ("string Remove(int startIndex, int count)", "string Remove(int startIndex)"), _remove),
    _m("Replace", ("string Replace(string oldValue, string newValue, bool ignoreCase, cultureinfo culture)",
                   "string Replace(string oldValue, string newValue, System.StringComparison comparisonType)",
                   "string Replace(char oldChar, char newChar)", "string Replace(string oldValue, string newValue)"),
       _replace),
    _m("ReplaceLineEndings", ("string ReplaceLineEndings()", "string ReplaceLineEndings(string replacementText)"),
       _replace_line_endings),
    _m("Split", ("string[] Split(char separator, System.StringSplitOptions options = System.StringSplitOptions.None)",
                 "string[] Split(char separator, int count, System.StringSplitOptions options = "
                 "System.StringSplitOptions.None)", "string[] Split(Params char[] separator)",
                 "string[] Split(char[] separator, int count)",
                 "string[] Split(char[] separator, System.StringSplitOptions options)",
                 "string[] Split(char[] separator, int count, System.StringSplitOptions options)",
                 "string[] Split(string separator, System.StringSplitOptions options = "
                 "System.StringSplitOptions.None)",
                 "string[] Split(string separator, int count, System.StringSplitOptions options = "
                 "System.StringSplitOptions.None)",
                 "string[] Split(string[] separator, System.StringSplitOptions options)",
                 "string[] Split(string[] separator, int count, System.StringSplitOptions options)"), _split),
    _m("StartsWith", ("bool StartsWith(string value)", "bool StartsWith(string value, System.StringComparison "
                      "comparisonType)", "bool StartsWith(string value, bool ignoreCase, cultureinfo culture)",
                      "bool StartsWith(char value)"), _starts_ends(False)),
    _m("Substring", ("string Substring(int startIndex)", "string Substring(int startIndex, int length)"), _substring),
    _m("ToBoolean", ("bool IConvertible.ToBoolean(System.IFormatProvider provider)",), _iconvertible("bool")),
    _m("ToByte", ("byte IConvertible.ToByte(System.IFormatProvider provider)",), _iconvertible("System.Byte")),
    _m("ToChar", ("char IConvertible.ToChar(System.IFormatProvider provider)",), _iconvertible("char")),
    _m("ToCharArray", ("char[] ToCharArray()", "char[] ToCharArray(int startIndex, int length)"), _to_char_array),
    _m("ToDateTime", ("datetime IConvertible.ToDateTime(System.IFormatProvider provider)",),
       _iconvertible("datetime")),
    _m("ToDecimal", ("decimal IConvertible.ToDecimal(System.IFormatProvider provider)",),
       _iconvertible("System.Decimal")),
    _m("ToDouble", ("double IConvertible.ToDouble(System.IFormatProvider provider)",), _iconvertible("System.Double")),
    _m("ToInt16", ("short IConvertible.ToInt16(System.IFormatProvider provider)",), _iconvertible("System.Int16")),
    _m("ToInt32", ("int IConvertible.ToInt32(System.IFormatProvider provider)",), _iconvertible("System.Int32")),
    _m("ToInt64", ("long IConvertible.ToInt64(System.IFormatProvider provider)",), _iconvertible("System.Int64")),
    _m("ToLower", ("string ToLower()", "string ToLower(cultureinfo culture)"), lambda s, a: s.lower()),
    _m("ToLowerInvariant", ("string ToLowerInvariant()",), lambda s, a: s.lower()),
    _m("ToSingle", ("float IConvertible.ToSingle(System.IFormatProvider provider)",), _iconvertible("System.Single")),
    _m("ToString", ("string ToString()", "string ToString(System.IFormatProvider provider)",
                    "string IConvertible.ToString(System.IFormatProvider provider)"), _str_format_provider),
    _m("ToUInt16", ("ushort IConvertible.ToUInt16(System.IFormatProvider provider)",), _iconvertible("System.UInt16")),
    _m("ToUInt32", ("uint IConvertible.ToUInt32(System.IFormatProvider provider)",), _iconvertible("System.UInt32")),
    _m("ToUInt64", ("ulong IConvertible.ToUInt64(System.IFormatProvider provider)",), _iconvertible("System.UInt64")),
    _m("ToUpper", ("string ToUpper()", "string ToUpper(cultureinfo culture)"), lambda s, a: s.upper()),
    _m("ToUpperInvariant", ("string ToUpperInvariant()",), lambda s, a: s.upper()),
    _m("Trim", ("string Trim()", "string Trim(char trimChar)", "string Trim(Params char[] trimChars)"), _trim("both")),
    _m("TrimEnd", ("string TrimEnd()", "string TrimEnd(char trimChar)", "string TrimEnd(Params char[] trimChars)"),
       _trim("end")),
    _m("TrimStart", ("string TrimStart()", "string TrimStart(char trimChar)",
                     "string TrimStart(Params char[] trimChars)"), _trim("start")),
    _m("Chars", ("char Chars(int index) {get;}",), lambda s, a: _string_char(s, a_int(a, 0, "index"))),
)


def _string_char(s: str, i: int) -> PSChar:
    if not 0 <= i < len(s):
        raise E.IndexOutOfRangeException("Index was outside the bounds of the array.")
    return PSChar(s[i])


# ==============================================================================================
# Methods of numbers, bool, char, enums, DateTime, TimeSpan, Guid

def _provider_and_format(a) -> tuple[Optional[str], Any]:
    from pslark.runtime.culture import Culture, current_culture
    if not a:
        return None, current_culture()
    fmt, culture = None, None
    for x in a:
        ux = unwrap(x)
        if isinstance(ux, Culture):
            culture = ux
        elif isinstance(ux, (T.NumberFormatInfo, T.DateTimeFormatInfo)):
            culture = ux.culture
        elif ux is not None:
            fmt = C.to_string(ux)
    return fmt, culture or current_culture()


def _number_to_string(v, a):
    if not a and type(v) is int:
        return str(v)
    from pslark.runtime.dotnet_format import format_value, number_to_string
    fmt, culture = _provider_and_format(a)
    if isinstance(v, EnumValue):
        from pslark.runtime.dotnet_format import format_enum
        return format_enum(v, fmt or "")
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, PSChar):
        return str.__str__(v)
    if not fmt:
        if isinstance(v, float):
            return format_value(v, "R", culture) if not isinstance(v, Single) else format_value(v, "R", culture)
        if isinstance(v, _Dec):
            return number_to_string(v, culture)
        return str(int(v))
    return format_value(v, fmt, culture)


def _same_kind(v, other):
    other = unwrap(other)
    return C.type_name_of(v) == C.type_name_of(other)


def _num_compare_to(v, a):
    other = unwrap(a[0])
    if other is None:
        return 1
    if isinstance(v, EnumValue):
        if not isinstance(other, EnumValue) or other.ps_enum is not v.ps_enum:
            other = v.ps_enum.convert(other)
        x, y = int(v), int(other)
    else:
        tn = C.type_name_of(v)
        t = T.resolve_type(tn)
        try:
            other = t.convert(other) if t is not None and not _same_kind(v, other) else other
        except PSException:
            raise ArgumentException(f"Object must be of type {tn.rsplit('.', 1)[-1]}.")
        x, y = v, other
        if isinstance(x, float) and math.isnan(x):
            return 0 if isinstance(y, float) and math.isnan(y) else -1
        if isinstance(y, float) and math.isnan(y):
            return 1
    return -1 if x < y else (1 if x > y else 0)


def _num_equals(v, a):
    other = unwrap(a[0])
    if other is None or not _same_kind(v, other):
        if isinstance(v, PSChar) and isinstance(other, PSChar):
            return str.__eq__(v, other)
        return False
    if isinstance(v, float) and math.isnan(v):
        return isinstance(other, float) and math.isnan(other)
    return v == other


def _num_hash(v, a):
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, int) and INT32_MIN <= v <= INT32_MAX:
        return int(v)
    return hash(v) & 0x7FFFFFFF


def _type_code(v, a):
    name = C.type_name_of(v).rsplit(".", 1)[-1]
    if isinstance(v, EnumValue):
        name = "Int32"
    return _enum("System.TypeCode", name)


def _has_flag(v, a):
    flag = int(v.ps_enum.convert(unwrap(a[0])))
    return int(v) & flag == flag


_COMPARABLE = (
    _m("CompareTo", ("int CompareTo(System.Object value)", "int CompareTo(T value)"), _num_compare_to),
    _m("Equals", ("bool Equals(System.Object obj)", "bool Equals(T obj)"), _num_equals),
    _m("GetHashCode", ("int GetHashCode()",), _num_hash),
    _m("GetTypeCode", ("System.TypeCode GetTypeCode()",), _type_code),
)

NUMBER_METHODS = T._methods(
    *_COMPARABLE,
    _m("ToString", ("string ToString()", "string ToString(string format)",
                    "string ToString(System.IFormatProvider provider)",
                    "string ToString(string format, System.IFormatProvider provider)"), _number_to_string),
    _m("TryFormat", ("bool TryFormat(System.Span[char] destination, [ref] int charsWritten, "
                     "System.ReadOnlySpan[char] format, System.IFormatProvider provider)",),
       lambda v, a: False),
)
ENUM_METHODS = T._methods(
    *_COMPARABLE,
    _m("HasFlag", ("bool HasFlag(System.Enum flag)",), _has_flag),
    _m("ToString", ("string ToString()", "string ToString(string format)"), _number_to_string),
    _m("GetType", ("type GetType()",), lambda v, a: v.ps_enum),
)


# DateTime

def _dt_out_of_range():
    return ArgumentOutOfRangeException("The added or subtracted value results in an un-representable DateTime. "
                                       "(Parameter 'value')")


def _dt_add(dt: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
    try:
        return dt + delta
    except OverflowError:
        raise _dt_out_of_range()


def _dt_add_units(unit_ticks: int):
    def run(dt, a):
        v = T._dbl(a[0], "value")
        if math.isnan(v) or math.isinf(v):
            raise ArgumentOutOfRangeException("Value to add was out of range. (Parameter 'value')")
        ticks = v * unit_ticks
        if abs(ticks) > 3.2e18:
            raise ArgumentOutOfRangeException("Value to add was out of range. (Parameter 'value')")
        ticks = int(round(ticks))
        return _dt_add(dt, T.ticks_to_timespan(ticks))
    return run


def _add_months(dt: datetime.datetime, months: int) -> datetime.datetime:
    import calendar
    total = dt.year * 12 + (dt.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    if not 1 <= y <= 9999:
        raise ArgumentOutOfRangeException("The added or subtracted value results in an un-representable DateTime. "
                                          "(Parameter 'months')")
    d = min(dt.day, calendar.monthrange(y, m)[1])
    return dt.replace(year=y, month=m, day=d)


def _dt_add_months(dt, a):
    n = a_int(a, 0, "months")
    if not -120000 <= n <= 120000:
        raise ArgumentOutOfRangeException("Months value must be between +/-120000. (Parameter 'months')")
    return _add_months(dt, n)


def _dt_add_years(dt, a):
    n = a_int(a, 0, "value")
    if not -10000 <= n <= 10000:
        raise ArgumentOutOfRangeException("Years value must be between +/-10000. (Parameter 'years')")
    return _add_months(dt, n * 12)


def _dt_add_span(dt, a):
    v = unwrap(a[0])
    if not isinstance(v, datetime.timedelta):
        v = C.to_timespan(v)
    return _dt_add(dt, v)


def _naive_pair(a: datetime.datetime, b: datetime.datetime):
    return a.replace(tzinfo=None), b.replace(tzinfo=None)


def _dt_subtract(dt, a):
    v = unwrap(a[0])
    if isinstance(v, datetime.datetime):
        x, y = _naive_pair(dt, v)
        return x - y
    if not isinstance(v, datetime.timedelta):
        v = C.to_timespan(v)
    return _dt_add(dt, -v)


def _dt_to_string(dt, a):
    from pslark.runtime.dotnet_format import format_datetime
    fmt, culture = _provider_and_format(a)
    if isinstance(dt, T.DateTimeOffset):
        return T.format_offset(dt, fmt, culture)
    return format_datetime(dt, fmt or "G", culture)


def _dt_format(spec: str):
    def run(dt, a):
        from pslark.runtime.culture import current_culture
        from pslark.runtime.dotnet_format import format_datetime
        return format_datetime(dt, spec, current_culture())
    return run


def _to_universal(dt, a):
    if dt.tzinfo is not None:
        return dt.astimezone(datetime.timezone.utc)
    try:
        return dt.astimezone().astimezone(datetime.timezone.utc)
    except (OverflowError, ValueError, OSError):
        return dt.replace(tzinfo=datetime.timezone.utc)


def _to_local(dt, a):
    if dt.tzinfo is None:
        return dt
    try:
        return dt.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):
        return dt.replace(tzinfo=None)


def _to_file_time(utc_input: bool):
    def run(dt, a):
        u = _to_universal(dt, a)
        delta = u - datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)
        ticks = ((delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds) * 10
        if ticks < 0:
            raise ArgumentOutOfRangeException("Not a valid Win32 FileTime. (Parameter 'fileTime')")
        return Int64(ticks)
    return run


def _to_oadate(dt, a):
    delta = dt.replace(tzinfo=None) - datetime.datetime(1899, 12, 30)
    return delta.total_seconds() / 86400


def _dt_compare_to(dt, a):
    other = unwrap(a[0])
    if other is None:
        return 1
    if not isinstance(other, datetime.datetime):
        raise ArgumentException("Object must be of type DateTime.")
    x, y = _naive_pair(dt, other)
    return -1 if x < y else (1 if x > y else 0)


def _dt_equals(dt, a):
    other = unwrap(a[0])
    if not isinstance(other, datetime.datetime):
        return False
    x, y = _naive_pair(dt, other)
    return x == y


def _is_dst(dt, a):
    import time
    try:
        return bool(time.localtime(dt.timestamp()).tm_isdst)
    except (OverflowError, ValueError, OSError):
        return False


def _dto_unix(ms: bool):
    def run(dt, a):
        delta = dt - T._EPOCH
        secs = delta.days * 86400 + delta.seconds
        return Int64(secs * 1000 + delta.microseconds // 1000 if ms else secs)
    return run


DATETIME_METHODS = T._methods(
    _m("Add", ("datetime Add(timespan value)",), _dt_add_span),
    _m("AddDays", ("datetime AddDays(double value)",), _dt_add_units(864_000_000_000)),
    _m("AddHours", ("datetime AddHours(double value)",), _dt_add_units(36_000_000_000)),
    _m("AddMinutes", ("datetime AddMinutes(double value)",), _dt_add_units(600_000_000)),
    _m("AddSeconds", ("datetime AddSeconds(double value)",), _dt_add_units(10_000_000)),
    _m("AddMilliseconds", ("datetime AddMilliseconds(double value)",), _dt_add_units(10_000)),
    _m("AddMicroseconds", ("datetime AddMicroseconds(double value)",), _dt_add_units(10)),
    _m("AddTicks", ("datetime AddTicks(long value)",),
       lambda dt, a: _dt_add(dt, T.ticks_to_timespan(T.a_long(a, 0, "value")))),
    _m("AddMonths", ("datetime AddMonths(int months)",), _dt_add_months),
    _m("AddYears", ("datetime AddYears(int value)",), _dt_add_years),
    _m("CompareTo", ("int CompareTo(System.Object value)", "int CompareTo(datetime value)"), _dt_compare_to),
    _m("Equals", ("bool Equals(datetime value)", "bool Equals(System.Object value)"), _dt_equals),
    _m("GetHashCode", ("int GetHashCode()",), lambda dt, a: hash(dt) & 0x7FFFFFFF),
    _m("GetTypeCode", ("System.TypeCode GetTypeCode()",), lambda dt, a: _enum("System.TypeCode", "DateTime")),
    _m("IsDaylightSavingTime", ("bool IsDaylightSavingTime()",), _is_dst),
    _m("Subtract", ("timespan Subtract(datetime value)", "datetime Subtract(timespan value)"), _dt_subtract),
    _m("ToBinary", ("long ToBinary()",), lambda dt, a: Int64(datetime_ticks(dt))),
    _m("ToFileTime", ("long ToFileTime()",), _to_file_time(False)),
    _m("ToFileTimeUtc", ("long ToFileTimeUtc()",), _to_file_time(True)),
    _m("ToLocalTime", ("datetime ToLocalTime()",), _to_local),
    _m("ToLongDateString", ("string ToLongDateString()",), _dt_format("D")),
    _m("ToLongTimeString", ("string ToLongTimeString()",), _dt_format("T")),
    _m("ToOADate", ("double ToOADate()",), _to_oadate),
    _m("ToShortDateString", ("string ToShortDateString()",), _dt_format("d")),
    _m("ToShortTimeString", ("string ToShortTimeString()",), _dt_format("t")),
    _m("ToString", ("string ToString()", "string ToString(string format)",
                    "string ToString(System.IFormatProvider provider)",
                    "string ToString(string format, System.IFormatProvider provider)"), _dt_to_string),
    _m("ToUniversalTime", ("datetime ToUniversalTime()",), _to_universal),
)
DTO_METHODS = dict(DATETIME_METHODS)
DTO_METHODS.update(T._methods(
    _m("ToUnixTimeSeconds", ("long ToUnixTimeSeconds()",), _dto_unix(False)),
    _m("ToUnixTimeMilliseconds", ("long ToUnixTimeMilliseconds()",), _dto_unix(True)),
    _m("ToOffset", ("DateTimeOffset ToOffset(timespan offset)",),
       lambda dt, a: T.DateTimeOffset.from_datetime(dt.astimezone(datetime.timezone(C.to_timespan(unwrap(a[0])))))),
    _m("ToLocalTime", ("DateTimeOffset ToLocalTime()",), lambda dt, a: T.DateTimeOffset.from_datetime(dt.astimezone())),
    _m("ToUniversalTime", ("DateTimeOffset ToUniversalTime()",),
       lambda dt, a: T.DateTimeOffset.from_datetime(dt.astimezone(datetime.timezone.utc))),
    _m("CompareTo", ("int CompareTo(DateTimeOffset other)",), lambda dt, a: dt.ps_compare(a[0])),
    _m("Equals", ("bool Equals(DateTimeOffset other)",), lambda dt, a: dt.ps_equals(a[0])),
))


# TimeSpan

def _ts_arg(a, i=0) -> datetime.timedelta:
    v = unwrap(a[i])
    return v if isinstance(v, datetime.timedelta) else C.to_timespan(v)


def _ts_checked(fn):
    try:
        return fn()
    except OverflowError:
        raise E.OverflowException("TimeSpan overflowed because the duration is too long.")


def _ts_to_string(td, a):
    from pslark.runtime.dotnet_format import format_timespan
    fmt, culture = _provider_and_format(a)
    return format_timespan(td, fmt or "c", culture)


def _ts_multiply(td, a):
    f = T._dbl(a[0], "factor")
    if math.isnan(f):
        raise ArgumentException("TimeSpan does not accept floating point Not-a-Number values. (Parameter 'factor')")
    return T.ticks_to_timespan(int(round(timespan_ticks(td) * f)))


def _ts_divide(td, a):
    v = unwrap(a[0])
    if isinstance(v, datetime.timedelta):
        d = timespan_ticks(v)
        return timespan_ticks(td) / d if d else (math.nan if timespan_ticks(td) == 0 else math.copysign(
            math.inf, timespan_ticks(td)))
    f = T._dbl(v, "divisor")
    if f == 0:
        raise E.OverflowException("TimeSpan overflowed because the duration is too long.")
    return T.ticks_to_timespan(int(round(timespan_ticks(td) / f)))


def _ts_compare(td, a):
    other = unwrap(a[0])
    if other is None:
        return 1
    if not isinstance(other, datetime.timedelta):
        raise ArgumentException("Object must be of type TimeSpan.")
    return -1 if td < other else (1 if td > other else 0)


TIMESPAN_METHODS = T._methods(
    _m("Add", ("timespan Add(timespan ts)",), lambda td, a: _ts_checked(lambda: td + _ts_arg(a))),
    _m("Subtract", ("timespan Subtract(timespan ts)",), lambda td, a: _ts_checked(lambda: td - _ts_arg(a))),
    _m("Negate", ("timespan Negate()",), lambda td, a: -td),
    _m("Duration", ("timespan Duration()",), lambda td, a: abs(td)),
    _m("Multiply", ("timespan Multiply(double factor)",), _ts_multiply),
    _m("Divide", ("timespan Divide(double divisor)", "double Divide(timespan ts)"), _ts_divide),
    _m("CompareTo", ("int CompareTo(System.Object value)", "int CompareTo(timespan value)"), _ts_compare),
    _m("Equals", ("bool Equals(System.Object value)", "bool Equals(timespan obj)"),
       lambda td, a: isinstance(unwrap(a[0]), datetime.timedelta) and unwrap(a[0]) == td),
    _m("GetHashCode", ("int GetHashCode()",), lambda td, a: hash(td) & 0x7FFFFFFF),
    _m("ToString", ("string ToString()", "string ToString(string format)",
                    "string ToString(string format, System.IFormatProvider formatProvider)"), _ts_to_string),
)


def _guid_to_string(g, a):
    from pslark.runtime.dotnet_format import format_guid
    fmt, _ = _provider_and_format(a)
    return format_guid(g, fmt or "")


GUID_METHODS = T._methods(
    _m("CompareTo", ("int CompareTo(System.Object value)", "int CompareTo(guid value)"),
       lambda g, a: (lambda o: 1 if o is None else (-1 if str(g) < str(o) else (1 if str(g) > str(o) else 0)))(
           unwrap(a[0]) if isinstance(unwrap(a[0]), uuid.UUID) or unwrap(a[0]) is None else C.to_guid(unwrap(a[0])))),
    _m("Equals", ("bool Equals(System.Object o)", "bool Equals(guid g)"), lambda g, a: unwrap(a[0]) == g),
    _m("GetHashCode", ("int GetHashCode()",), lambda g, a: hash(g) & 0x7FFFFFFF),
    _m("ToByteArray", ("byte[] ToByteArray()", "byte[] ToByteArray(bool bigEndian)"),
       lambda g, a: T.byte_array(g.bytes if a and C.to_bool(a[0]) else g.bytes_le)),
    _m("ToString", ("string ToString()", "string ToString(string format)",
                    "string ToString(string format, System.IFormatProvider provider)"), _guid_to_string),
)


# ==============================================================================================
# Arrays, exceptions, error records, script blocks, regex matches, cultures

def _fixed_size(lst, a):
    raise E.NotSupportedException("Collection was of a fixed size.")


def _array_clone(lst, a):
    if isinstance(lst, T.TypedArray):
        return T.TypedArray(list(lst), lst.element_type)
    return list(lst)


def _array_index_check(lst, i: int):
    if not 0 <= i < len(lst):
        raise E.IndexOutOfRangeException("Index was outside the bounds of the array.")


def _array_set(lst, i: int, v: Any):
    _array_index_check(lst, i)
    if isinstance(lst, T.TypedArray) and lst.element_type is not None:
        v = lst.element_type.convert(v)
    lst[i] = v


def _array_clear(lst, a):
    dv = T.default_value(lst.element_type) if isinstance(lst, T.TypedArray) else None
    if len(a) == 2:
        start, n = a_int(a, 0, "index"), a_int(a, 1, "length")
    else:
        start, n = 0, len(lst)
    for i in range(start, start + n):
        lst[i] = dv


def _rank_check(a):
    if a and a_int(a, 0, "dimension") != 0:
        raise E.IndexOutOfRangeException("Index was outside the bounds of the array.")


ARRAY_METHODS = T._methods(
    _m("Add", ("int IList.Add(System.Object value)",), _fixed_size),
    _m("Clear", ("void IList.Clear()",), _array_clear),
    _m("Clone", ("System.Object Clone()", "System.Object ICloneable.Clone()"), _array_clone),
    _m("Contains", ("bool IList.Contains(System.Object value)",), T._l_contains),
    _m("CopyTo", ("void CopyTo(array array, int index)", "void CopyTo(array array, long index)"),
       lambda l, a: T._copy_to(list(l), a)),
    _m("Get", ("System.Object Get(int )",), lambda l, a: (_array_index_check(l, a_int(a, 0)), l[a_int(a, 0)])[1]),
    _m("Set", ("void Set(int , System.Object )",), lambda l, a: _array_set(l, a_int(a, 0), a[1])),
    _m("GetValue", ("System.Object GetValue(int index)", "System.Object GetValue(long index)"),
       lambda l, a: (_array_index_check(l, a_int(a, 0, "index")), l[a_int(a, 0, "index")])[1]),
    _m("SetValue", ("void SetValue(System.Object value, int index)", "void SetValue(System.Object value, long index)"),
       lambda l, a: _array_set(l, a_int(a, 1, "index"), a[0])),
    _m("GetLength", ("int GetLength(int dimension)",), lambda l, a: (_rank_check(a), len(l))[1]),
    _m("GetLongLength", ("long GetLongLength(int dimension)",), lambda l, a: (_rank_check(a), Int64(len(l)))[1]),
    _m("GetLowerBound", ("int GetLowerBound(int dimension)",), lambda l, a: (_rank_check(a), 0)[1]),
    _m("GetUpperBound", ("int GetUpperBound(int dimension)",), lambda l, a: (_rank_check(a), len(l) - 1)[1]),
    _m("GetEnumerator", ("System.Collections.IEnumerator GetEnumerator()",), lambda l, a: T.ArrayEnumerator(l)),
    _m("IndexOf", ("int IList.IndexOf(System.Object value)",), T._l_index_of),
    _m("Initialize", ("void Initialize()",), lambda l, a: None),
    _m("Insert", ("void IList.Insert(int index, System.Object value)",), _fixed_size),
    _m("Remove", ("void IList.Remove(System.Object value)",), _fixed_size),
    _m("RemoveAt", ("void IList.RemoveAt(int index)",), _fixed_size),
    _m("ToString", ("string ToString()",), lambda l, a: type_names(l)[0]),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda l, a: unwrap(a[0]) is l),
    _m("GetHashCode", ("int GetHashCode()",), lambda l, a: id(l) & 0x7FFFFFFF),
)


def exception_to_string(exc: BaseException) -> str:
    if not isinstance(exc, PSException):
        return str(exc)
    text = f"{type(exc).dotnet_type}: {exc.message}"
    inner = exc.inner
    if isinstance(inner, BaseException):
        text += f"\n ---> {exception_to_string(inner)}\n   --- End of inner exception stack trace ---"
    return text


def _base_exception(exc, a):
    e = exc
    seen = 0
    while isinstance(getattr(e, "inner", None), BaseException) and seen < 50:
        e = e.inner
        seen += 1
    return e


EXCEPTION_METHODS = T._methods(
    _m("GetBaseException", ("System.Exception GetBaseException()",), _base_exception),
    _m("ToString", ("string ToString()",), lambda e, a: exception_to_string(e)),
    _m("GetObjectData", ("void GetObjectData(System.Runtime.Serialization.SerializationInfo info, "
                         "System.Runtime.Serialization.StreamingContext context)",), lambda e, a: None),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda e, a: unwrap(a[0]) is e),
    _m("GetHashCode", ("int GetHashCode()",), lambda e, a: id(e) & 0x7FFFFFFF),
)

ERRORRECORD_METHODS = T._methods(
    _m("ToString", ("string ToString()",), lambda r, a: r.message),
    _m("GetObjectData", ("void GetObjectData(System.Runtime.Serialization.SerializationInfo info, "
                         "System.Runtime.Serialization.StreamingContext context)",), lambda r, a: None),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda r, a: unwrap(a[0]) is r),
    _m("GetHashCode", ("int GetHashCode()",), lambda r, a: id(r) & 0x7FFFFFFF),
)


def _sb_invoke(sb, a):
    return list(sb.invoke(*a))


def _sb_invoke_as_is(sb, a):
    out = sb.invoke(*a)
    if not out:
        return None
    return out[0] if len(out) == 1 else list(out)


SCRIPTBLOCK_METHODS = T._methods(
    _m("Invoke", ("System.Collections.ObjectModel.Collection[psobject] Invoke(Params System.Object[] args)",),
       _sb_invoke),
    _m("InvokeReturnAsIs", ("System.Object InvokeReturnAsIs(Params System.Object[] args)",), _sb_invoke_as_is),
    _m("InvokeWithContext", ("System.Collections.ObjectModel.Collection[psobject] InvokeWithContext("
                             "System.Collections.IDictionary functionsToDefine, System.Collections.Generic.List"
                             "[psvariable] variablesToDefine, Params System.Object[] args)",),
       lambda sb, a: list(sb.invoke(*a[2:]))),
    _m("GetNewClosure", ("scriptblock GetNewClosure()",), lambda sb, a: sb),
    _m("GetSteppablePipeline", ("System.Management.Automation.SteppablePipeline GetSteppablePipeline()",
                                "System.Management.Automation.SteppablePipeline GetSteppablePipeline("
                                "System.Management.Automation.CommandOrigin commandOrigin)",
                                "System.Management.Automation.SteppablePipeline GetSteppablePipeline("
                                "System.Management.Automation.CommandOrigin commandOrigin, System.Object[] args)"),
       lambda sb, a: __import__("pslark.interpreter.steppable", fromlist=["get_steppable_pipeline"])
       .get_steppable_pipeline(sb, a)),
    _m("ToString", ("string ToString()",), lambda sb, a: sb.text),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda sb, a: unwrap(a[0]) is sb),
    _m("GetHashCode", ("int GetHashCode()",), lambda sb, a: id(sb) & 0x7FFFFFFF),
)

MATCH_METHODS = T._methods(
    _m("NextMatch", ("System.Text.RegularExpressions.Match NextMatch()",), lambda m, a: m.NextMatch()),
    _m("Result", ("string Result(string replacement)",), lambda m, a: m.Result(a_str(a, 0, "replacement"))),
    _m("ToString", ("string ToString()",), lambda m, a: m.Value),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda m, a: unwrap(a[0]) is m),
    _m("GetHashCode", ("int GetHashCode()",), lambda m, a: id(m) & 0x7FFFFFFF),
)
CAPTURE_METHODS = T._methods(
    _m("ToString", ("string ToString()",), lambda m, a: m.Value),
    _m("Equals", ("bool Equals(System.Object obj)",), lambda m, a: unwrap(a[0]) is m),
    _m("GetHashCode", ("int GetHashCode()",), lambda m, a: id(m) & 0x7FFFFFFF),
)

CULTURE_METHODS = T._methods(
    _m("ToString", ("string ToString()",), lambda c, a: c.name),
    _m("GetFormat", ("System.Object GetFormat(type formatType)",), lambda c, a: T.NumberFormatInfo(c)),
    _m("Clone", ("System.Object Clone()",), lambda c, a: c),
    _m("ClearCachedData", ("void ClearCachedData()",), lambda c, a: None),
    _m("Equals", ("bool Equals(System.Object value)",), lambda c, a: unwrap(a[0]) is c),
    _m("GetHashCode", ("int GetHashCode()",), lambda c, a: hash(c.name) & 0x7FFFFFFF),
)


# ----------------------------------------------------------------------------------------------
# Methods every object has

def object_to_string(value: Any) -> str:
    """Object.ToString() of a value (culture-sensitive numbers and dates, type name for plain objects)."""
    v = unwrap(value)
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, (bool, int, float, _Dec)):
        return _number_to_string(v, [])
    if isinstance(v, datetime.datetime):
        return _dt_to_string(v, [])
    if isinstance(v, datetime.timedelta):
        return _ts_to_string(v, [])
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, PSException):
        return exception_to_string(v)
    if isinstance(v, PSObject):
        fn = getattr(v, "ps_to_string", None)
        if fn is not None:
            return fn()
        return C.custom_object_string(v)
    if isinstance(v, (list, tuple, Hashtable)):
        return type_names(v)[0]
    fn = getattr(v, "ps_to_string", None)
    if fn is not None:
        return fn()
    if _is_culture(v):
        return v.name
    try:
        return C.to_string(v)
    except PSException:
        return type_names(v)[0]


def _obj_equals(v, a):
    other = unwrap(a[0])
    if other is v:
        return True
    eq = getattr(v, "ps_equals", None)
    if eq is not None:
        return bool(eq(other))
    return False


COMMON_METHODS = T._methods(
    _m("GetType", ("type GetType()",), lambda v, a: T.type_of(v)),
    _m("ToString", ("string ToString()",), lambda v, a: object_to_string(v)),
    _m("Equals", ("bool Equals(System.Object obj)",), _obj_equals),
    _m("GetHashCode", ("int GetHashCode()",), lambda v, a: (hash(v) if _hashable(v) else id(v)) & 0x7FFFFFFF),
)


def _hashable(v: Any) -> bool:
    try:
        hash(v)
        return True
    except TypeError:
        return False


def _with_common(d: dict) -> dict:
    out = dict(COMMON_METHODS)
    out.update(d)
    return out


_STRING_ALL = _with_common(STRING_METHODS)
_NUMBER_ALL = _with_common(NUMBER_METHODS)
_ENUM_ALL = _with_common(ENUM_METHODS)
_DATETIME_ALL = _with_common(DATETIME_METHODS)
_DTO_ALL = _with_common(DTO_METHODS)
_TIMESPAN_ALL = _with_common(TIMESPAN_METHODS)
_GUID_ALL = _with_common(GUID_METHODS)
_ARRAY_ALL = _with_common(ARRAY_METHODS)
_EXCEPTION_ALL = _with_common(EXCEPTION_METHODS)
_ERRORRECORD_ALL = _with_common(ERRORRECORD_METHODS)
_SCRIPTBLOCK_ALL = _with_common(SCRIPTBLOCK_METHODS)
_MATCH_ALL = _with_common(MATCH_METHODS)
_CAPTURE_ALL = _with_common(CAPTURE_METHODS)
_CULTURE_ALL = _with_common(CULTURE_METHODS)
_TYPE_ALL = _with_common(T._TYPE_OBJECT_METHODS)
_DICT_CACHE: dict = {}


def _cached_common(key: Any, d: dict) -> dict:
    out = _DICT_CACHE.get(key)
    if out is None:
        out = _DICT_CACHE[key] = _with_common(d)
    return out


def methods_of(value: Any) -> dict:
    """The instance methods of a value (folded name -> NetMethod), without intrinsics or script methods."""
    t = type(value)
    if t is str:
        return _STRING_ALL
    if isinstance(value, PSObject):
        if value.base is not None:
            return methods_of(value.base)
        return COMMON_METHODS
    if isinstance(value, EnumValue):
        return _ENUM_ALL
    if isinstance(value, (bool, int, float, _Dec)):
        return _NUMBER_ALL
    if isinstance(value, str):
        return _NUMBER_ALL if isinstance(value, PSChar) else _STRING_ALL
    if isinstance(value, PSList):
        m = T.list_methods(value)
        return _cached_common(id(m), m)
    if isinstance(value, Hashtable):
        m = T.dictionary_methods(value)
        return _cached_common(id(m), m)
    if isinstance(value, (list, tuple)):
        own = getattr(type(value), "net_methods", None)
        if isinstance(own, dict) and own:
            return _cached_common(id(own), dict(ARRAY_METHODS, **own))
        return _ARRAY_ALL
    if isinstance(value, T.DateTimeOffset):
        return _DTO_ALL
    if isinstance(value, datetime.datetime):
        return _DATETIME_ALL
    if isinstance(value, datetime.timedelta):
        return _TIMESPAN_ALL
    if isinstance(value, uuid.UUID):
        return _GUID_ALL
    if isinstance(value, PSException):
        return _EXCEPTION_ALL
    if isinstance(value, E.ErrorRecord):
        return _ERRORRECORD_ALL
    if isinstance(value, T.PSType):
        return _TYPE_ALL
    name = type(value).__name__
    if name == "ScriptBlock":
        return _SCRIPTBLOCK_ALL
    if name == "RegexMatch":
        return _MATCH_ALL
    if name in ("RegexGroup", "RegexCapture"):
        return _CAPTURE_ALL
    if name == "DotNetRegex":
        m = T.regex_instance_methods()
        return _cached_common(id(m), m)
    if _is_culture(value):
        return _CULTURE_ALL
    own = getattr(value, "net_methods", None)
    if isinstance(own, dict) and own:
        return _cached_common(id(own), own)
    return COMMON_METHODS


# ==============================================================================================
# PSMethod values and script methods

class PSMethodInfo(NetObject):
    """A method used without calling it (`"abc".ToUpper`): shows its OverloadDefinitions; `.Invoke(...)` calls it."""

    __slots__ = ("target", "method", "static", "script")
    type_names = ["System.Management.Automation.PSMethod", "System.Management.Automation.PSMethodInfo",
                  "System.Management.Automation.PSMemberInfo", "System.Object"]
    ps_properties = ("MemberType", "OverloadDefinitions", "TypeNameOfValue", "Value", "Name", "IsInstance")
    ps_default_display = ("OverloadDefinitions",)

    def __init__(self, target: Any, method: NetMethod, static: bool = False, script: bool = False):
        self.target = target
        self.method = method
        self.static = static
        self.script = script

    @property
    def name(self) -> str:
        return self.method.name

    def overloads(self) -> list:
        prefix = "static " if self.static else ""
        target = None if self.static else self.target
        return [prefix + concrete_definition(d, target) for d in self.method.overloads]

    def invoke(self, args: list) -> Any:
        if self.static and isinstance(self.target, T.PSType):
            if self.method.name.casefold() == "new":
                return self.target.new(list(args))
            return self.target.invoke_static(self.method.name, list(args))
        return call_net_method(self.method, self.target, list(args))

    def ps_to_string(self) -> str:
        return ", ".join(self.overloads())

    _getters = {"membertype": lambda s: _enum("System.Management.Automation.PSMemberTypes",
                                              "ScriptMethod" if s.script else "Method"),
                "overloaddefinitions": lambda s: s.overloads(),
                "typenameofvalue": lambda s: "System.Management.Automation.PSScriptMethod" if s.script else
                "System.Management.Automation.PSMethod",
                "value": lambda s: s, "name": lambda s: s.name, "isinstance": lambda s: not s.static,
                "script": lambda s: getattr(s.method, "script", None)}


PSMethodInfo.net_methods = T._methods(
    NetMethod("Invoke", ("System.Object Invoke(Params System.Object[] arguments)",), lambda s, a: s.invoke(a)),
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.ps_to_string()),
)


def _script_method(key: str, m: Any) -> NetMethod:
    """A ScriptMethod stored in PSObject.methods (a ScriptBlock, a (name, scriptblock) pair, or an object with
    `.name` / `.script`) as a NetMethod that runs with `$this` set."""
    name, sb = key, m
    if isinstance(m, tuple) and len(m) == 2:
        name, sb = m
    elif hasattr(m, "script"):
        name, sb = getattr(m, "name", key), m.script
    elif hasattr(m, "value") and type(m).__name__ == "PSNoteProperty":
        name, sb = m.name, m.value

    def run(obj, args, _sb=sb):
        if callable(_sb) and not hasattr(_sb, "invoke_with"):
            return _sb(obj, list(args))
        out = _sb.invoke_with(args=list(args), this=obj)
        if not out:
            return None
        return out[0] if len(out) == 1 else list(out)
    nm = NetMethod(str(name), (f"System.Object {name}();",), run)
    return nm


def _find_script_method(obj: PSObject, key: str) -> Optional[NetMethod]:
    if not obj.methods:
        return None
    m = obj.methods.get(key)
    if m is None:
        for k, v in obj.methods.items():
            if str(k).casefold() == key:
                m = v
                break
    return _script_method(key, m) if m is not None else None


# ==============================================================================================
# Intrinsic methods: Where() and ForEach()

_WHERE_MODES = {"default": 0, "first": 1, "last": 2, "skipuntil": 3, "until": 4, "split": 5}


def _as_scriptblock(v: Any, method: str) -> Any:
    from pslark.runtime.scriptblock import ScriptBlock
    v = unwrap(v)
    if isinstance(v, ScriptBlock):
        return v
    raise MethodException(f'Cannot convert the "{C.to_string(v) if v is not None else ""}" value of type '
                          f'"{type_names(v)[0] if v is not None else "null"}" to type '
                          '"System.Management.Automation.ScriptBlock".',
                          error_id="MethodArgumentConversionInvalidCastArgument", category="NotSpecified")


def _predicate(sb, item) -> bool:
    out = sb.invoke_with(args=[], dollar_under=item, new_scope=False)
    return C.to_bool(out)


def _where_items(target: Any) -> list:
    if _is_enumerable_for_members(target):
        return _items(target)
    return [target]


def intrinsic_where(target: Any, args: list) -> list:
    if not args or len(args) > 3:
        raise T.overload_count_error("Where", len(args))
    sb = _as_scriptblock(args[0], "Where")
    mode = 0
    if len(args) > 1:
        mv = unwrap(args[1])
        if T.is_integer(mv) or isinstance(mv, EnumValue):
            mode = int(mv)
        else:
            text = C.to_string(mv).casefold()
            if text not in _WHERE_MODES:
                raise MethodException(
                    f'Cannot convert argument "mode", with value: "{C.to_string(mv)}", for "Where" to type '
                    f'"System.Management.Automation.WhereOperatorSelectionMode": "Cannot convert value '
                    f'"{C.to_string(mv)}" to type "System.Management.Automation.WhereOperatorSelectionMode". '
                    f'Error: "Unable to match the identifier name {C.to_string(mv)} to a valid enumerator name. '
                    'Specify one of the following enumerator names and try again:\nDefault, First, Last, '
                    'SkipUntil, Until, Split""', error_id="MethodArgumentConversionInvalidCastArgument",
                    category="NotSpecified")
            mode = _WHERE_MODES[text]
    n = a_int(args, 2, "numberToReturn") if len(args) > 2 else 0
    if n < 0:
        raise RuntimeException("The 'numberToReturn' value must be a positive integer.",
                               error_id="WhereOperatorNegativeNumberToReturn", category="InvalidArgument")
    items = _where_items(target)
    out: list = []
    if mode == 0:
        for x in items:
            if _predicate(sb, x):
                out.append(x)
                if n and len(out) >= n:
                    break
    elif mode == 1:
        limit = n or 1
        for x in items:
            if _predicate(sb, x):
                out.append(x)
                if len(out) >= limit:
                    break
    elif mode == 2:
        limit = n or 1
        matches = [x for x in items if _predicate(sb, x)]
        out = matches[-limit:] if matches else []
    elif mode == 3:
        started = False
        for x in items:
            if not started and _predicate(sb, x):
                started = True
            if started:
                out.append(x)
                if n and len(out) >= n:
                    break
    elif mode == 4:
        for x in items:
            if _predicate(sb, x):
                break
            out.append(x)
            if n and len(out) >= n:
                break
    elif mode == 5:
        yes, no = [], []
        for x in items:
            if (not n or len(yes) < n) and _predicate(sb, x):
                yes.append(x)
            else:
                no.append(x)
        return [yes, no]
    return out


def intrinsic_foreach(target: Any, args: list) -> list:
    from pslark.runtime.scriptblock import ScriptBlock
    if not args:
        raise T.overload_count_error("ForEach", 0)
    first = unwrap(args[0])
    rest = list(args[1:])
    items = _where_items(target)
    out: list = []
    if isinstance(first, ScriptBlock):
        for x in items:
            out.extend(first.invoke_with(args=rest, dollar_under=x, new_scope=False))
        return out
    if isinstance(first, T.PSType):
        return [first.convert(x) for x in items]
    name = C.to_string(first)
    for x in items:
        if not rest:
            v = lookup_property(x, name) if x is not None else _MISSING
            if v is _MISSING:
                v = _intrinsic(x, name.casefold()) if x is not None else _MISSING
            if v is not _MISSING:
                if isinstance(v, (list, tuple)):
                    out.extend(v)
                else:
                    out.append(v)
            continue
        if len(rest) == 1 and x is not None and has_property(x, name):
            set_member(x, name, rest[0])
            continue
        r = invoke_method(x, name, rest)
        if r is not None and r is not AUTOMATION_NULL:
            if isinstance(r, list):
                out.extend(r)
            else:
                out.append(r)
    return out


# ==============================================================================================
# Method invocation

def invoke_method(value: Any, name: str, args: list) -> Any:
    """`$value.Name(args)`: .NET-style method call with pwsh's errors; script methods; intrinsics; enumeration."""
    table = _FAST_METHOD_TABLES.get(type(value))
    if table is not None:
        m = table.get(name.casefold())
        if m is not None:
            return call_net_method(m, value, args)
    return _guard(_invoke_slow, value, name, list(args))


def _invoke_slow(value: Any, name: str, args: list) -> Any:
    key = name.casefold()
    if value is None or value is AUTOMATION_NULL:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull",
                               category="InvalidOperation")
    if isinstance(value, PSObject):
        sm = _find_script_method(value, key)
        if sm is not None:
            return call_net_method(sm, value, args)
        if value.base is not None:
            return _invoke_slow(value.base, name, args)
        if key == "tostring":
            return object_to_string(value)
    else:
        extra = _added_members(value)
        if extra is not None:
            sm = _find_script_method(extra, key)
            if sm is not None:
                return call_net_method(sm, extra, args)
    invoker = getattr(value, "ps_invoke", None)
    if invoker is not None and not isinstance(value, (T.PSType,)):
        try:
            return invoker(name, args)
        except AttributeError:
            pass
        except NotImplementedError:
            pass
        py_methods = getattr(value, "ps_methods", None)
        if py_methods:
            for pm in py_methods:
                if str(pm).casefold() == key:
                    fn = getattr(value, str(pm), None) or getattr(value, _snake(str(pm)), None)
                    if callable(fn):
                        return call_net_method(NetMethod(str(pm), (), lambda t, a, _fn=fn: _fn(*a)), value, args)
    elif getattr(value, "ps_methods", None):
        for pm in value.ps_methods:
            if str(pm).casefold() == key:
                fn = getattr(value, str(pm), None) or getattr(value, _snake(str(pm)), None)
                if callable(fn):
                    return call_net_method(NetMethod(str(pm), (), lambda t, a, _fn=fn: _fn(*a)), value, args)
    m = methods_of(value).get(key)
    if m is not None:
        return call_net_method(m, value, args)
    if key == "where":
        return intrinsic_where(value, args)
    if key == "foreach":
        return intrinsic_foreach(value, args)
    if key.startswith(("get_", "set_")):
        result = _accessor_method(value, name, args)
        if result is not _MISSING:
            return result
    target = value
    if _is_enumerable_for_members(target):
        results = []
        for item in _items(target):
            r = invoke_method(item, name, args) if item is not None else _null_method(name)
            if r is None or r is AUTOMATION_NULL:
                continue
            if isinstance(r, list) and type(r) is list:
                results.extend(r)
            else:
                results.append(r)
        return _collapse(results)
    raise T.method_not_found(type_names(value)[0] if type_names(value) else "System.Object", name, value)


def _accessor_method(value: Any, name: str, args: list) -> Any:
    """A .NET property's hidden accessor methods: `$h.get_Keys()`, `$list.get_Item(0)`, `$o.set_Name('x')`."""
    prop = name[4:]
    getter = name[:4].casefold() == "get_"
    if prop.casefold() in ("item", "chars") and (len(args) == 1 if getter else len(args) == 2) and \
            _is_indexable_for_item(value):
        if getter:
            return get_index(value, args[0])
        set_index(value, args[0], args[1])
        return AUTOMATION_NULL
    if getter and not args and has_property(value, prop):
        return get_member(value, prop)
    if not getter and len(args) == 1 and has_property(value, prop):
        set_member(value, prop, args[0])
        return AUTOMATION_NULL
    return _MISSING


def _is_indexable_for_item(value: Any) -> bool:
    return isinstance(value, (list, dict, str, Hashtable)) or hasattr(value, "ps_index")


def _null_method(name: str):
    raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull",
                           category="InvalidOperation")


_FAST_METHOD_TABLES = {str: _STRING_ALL, int: _NUMBER_ALL, float: _NUMBER_ALL, bool: _NUMBER_ALL, _Dec: _NUMBER_ALL,
                       datetime.datetime: _DATETIME_ALL, datetime.timedelta: _TIMESPAN_ALL, list: _ARRAY_ALL,
                       uuid.UUID: _GUID_ALL}


def _method_value(value: Any, key: str) -> Any:
    """`$value.Method` without parentheses: a PSMethod, or _MISSING."""
    if isinstance(value, PSObject):
        sm = _find_script_method(value, key)
        if sm is not None:
            return PSMethodInfo(value, sm, script=True)
        if value.base is not None:
            return _method_value(value.base, key)
    m = methods_of(value).get(key)
    if m is not None:
        return PSMethodInfo(value, m)
    return _MISSING


# ==============================================================================================
# Setting properties

def set_member(value: Any, name: str, new: Any) -> None:
    """`$value.Name = new`."""
    if new is AUTOMATION_NULL:
        new = None
    t = type(value)
    if t is PSObject or isinstance(value, PSObject):
        prop = value._props.get(name.casefold())
        if prop is not None:
            if prop.setter is not None:
                _guard(prop.setter, value, new)
            elif prop.getter is not None:
                raise read_only_property(prop.name)
            else:
                prop.value = new
            return
    elif t is Hashtable or t is OrderedDictionary:
        value[name] = new
        return
    _guard(_set_member_slow, value, name, new)


def _set_member_slow(value: Any, name: str, new: Any) -> None:
    key = name.casefold()
    if isinstance(value, PSObject):
        if value.base is not None:
            _set_member_slow(value.base, name, new)
            return
        raise property_not_found_for_set(name)
    if isinstance(value, Hashtable):
        T.set_dictionary_item(value, name, new)
        return
    if isinstance(value, E.ErrorRecord):
        if key == "errordetails":
            nv = unwrap(new)
            if nv is None:
                value.error_details_message = None
            elif isinstance(nv, ErrorDetailsValue):
                value.error_details_message = nv.message
                value.recommended_action = nv.recommended_action
            else:
                value.error_details_message = C.to_string(nv)
            return
        found, _ = errorrecord_property(value, key)
        if found:
            raise read_only_property(_canonical(value, name))
        raise property_not_found_for_set(name)
    if isinstance(value, PSException):
        if key in ("source", "helplink"):
            setattr(value, "source" if key == "source" else "help_link", C.to_string(new))
            return
        if key == "hresult":
            value.hresult = C.to_int(new)
            return
        found, _ = exception_property(value, key)
        if found:
            raise read_only_property(_canonical(value, name))
        raise property_not_found_for_set(name)
    setter = getattr(value, "ps_set", None)
    if setter is not None:
        try:
            ok = setter(name, new)
        except AttributeError:
            ok = False
        if ok is not False:
            return
        if lookup_property(value, name) is not _MISSING:
            raise read_only_property(_canonical(value, name))
        raise property_not_found_for_set(name)
    if lookup_property(value, name) is not _MISSING:
        raise read_only_property(_canonical(value, name))
    raise property_not_found_for_set(name)


def _canonical(value: Any, name: str) -> str:
    for n in property_names(value):
        if n.casefold() == name.casefold():
            return n
    return name


def _is_settable(value: Any, name: str) -> bool:
    decl = _declared(value, name)
    if decl is not None:
        return decl[1]
    if isinstance(value, Hashtable):
        return True
    if isinstance(value, NetObject):
        return name.casefold() in value._setters
    if isinstance(value, E.ErrorRecord):
        return name.casefold() == "errordetails"
    return getattr(value, "ps_set", None) is not None and not isinstance(value, (str, int, float))


# ==============================================================================================
# Indexing

def _index_int(index: Any) -> Optional[int]:
    if type(index) is int:
        return index
    i = unwrap(index)
    if isinstance(i, bool):
        return int(i)
    if isinstance(i, int):
        return int(i)
    if isinstance(i, (float, _Dec, str)):
        return C.to_int(i)
    if i is None:
        return None
    return C.to_int(i)


def _list_get(value: list, index: Any) -> Any:
    i = _index_int(index)
    if i is None:
        return None
    n = len(value)
    if -n <= i < n:
        return value[i]
    return _MISSING


def get_index(value: Any, index: Any) -> Any:
    """`$value[index]`: arrays (negative and list-of-indices slices), strings, dictionaries, lists, scalars."""
    t = type(value)
    if t is list and type(index) is int:
        try:
            return value[index]
        except IndexError:
            return None
    return _guard(_get_index_slow, value, index)


def _is_index_list(index: Any) -> bool:
    return isinstance(index, (list, tuple)) or getattr(unwrap(index), "ps_enumerate", None) is not None and \
        not isinstance(unwrap(index), (str, Hashtable))


def _get_index_slow(value: Any, index: Any) -> Any:
    if value is None or value is AUTOMATION_NULL:
        raise RuntimeException("Cannot index into a null array.", error_id="NullArray", category="InvalidOperation")
    if isinstance(value, PSObject):
        if value.base is not None:
            return _get_index_slow(value.base, index)
        return _scalar_index(value, index)
    if isinstance(value, Hashtable):
        if _is_index_list(index):
            return [_dict_get(value, k) for k in _items(unwrap(index))]
        return _dict_get(value, index)
    own = getattr(value, "ps_index", None)
    if own is not None:
        return own(index)
    if isinstance(value, str):
        if _is_index_list(index):
            out = []
            for i in _items(unwrap(index)):
                v = _str_get(value, i)
                if v is not _MISSING:
                    out.append(v)
            return out
        v = _str_get(value, index)
        return None if v is _MISSING else v
    if type(value).__name__ == "GroupCollection":
        if _is_index_list(index):
            return [value.get_group(unwrap(k)) for k in _items(unwrap(index))]
        return value.get_group(unwrap(index))
    if isinstance(value, (list, tuple)):
        if index is None or index is AUTOMATION_NULL:
            raise RuntimeException("Index operation failed; the array index evaluated to null.",
                                   error_id="NullArrayIndex", category="InvalidOperation")
        if _is_index_list(index):
            out = []
            for i in _items(unwrap(index)):
                if _is_index_list(i):
                    v = _get_index_slow(value, i)
                    if v is not None:
                        out.append(v)
                    continue
                v = _list_get(value, i)
                if v is not _MISSING:
                    out.append(v)
            return out
        v = _list_get(value, index)
        return None if v is _MISSING else v
    if isinstance(value, (T.HashSetValue, T.QueueValue)):
        raise cannot_index(value)
    if isinstance(value, T.StringBuilder):
        i = _index_int(index)
        text = value.text()
        if i is None or not 0 <= i < len(text):
            raise E.IndexOutOfRangeException("Index was outside the bounds of the array.")
        return PSChar(text[i])
    if isinstance(value, T.XmlElementValue):
        return _scalar_index(value, index)
    return _scalar_index(value, index)


def _scalar_index(value: Any, index: Any) -> Any:
    """`$scalar[0]` is the scalar, `$scalar[-1]` too; other indices give $null."""
    if _is_index_list(index):
        out = []
        for i in _items(unwrap(index)):
            v = _scalar_index(value, i)
            if v is not None:
                out.append(v)
        return out
    try:
        i = _index_int(index)
    except PSException:
        return None
    return value if i in (0, -1) else None


def _str_get(s: str, index: Any) -> Any:
    i = _index_int(index)
    if i is None:
        return _MISSING
    n = len(s)
    if -n <= i < n:
        return PSChar(s[i])
    return _MISSING


def _dict_get(d: Hashtable, key: Any) -> Any:
    k = unwrap(key) if isinstance(key, PSObject) else key
    if isinstance(d, T.GenericDictionary):
        try:
            k = d.conv_key(k)
        except PSException:
            return None
        return d.get(k)
    if isinstance(d, OrderedDictionary) and T.is_integer(k) and not isinstance(k, bool):
        items = d.items()
        n = len(items)
        return items[k][1] if -n <= k < n else None
    if k is None:
        return None
    try:
        return d.get(k)
    except TypeError:
        return None


def set_index(value: Any, index: Any, new: Any) -> None:
    """`$value[index] = new`: arrays (bounds-checked), lists, dictionaries (keys created)."""
    if new is AUTOMATION_NULL:
        new = None
    t = type(value)
    if t is list and type(index) is int:
        n = len(value)
        if -n <= index < n:
            value[index] = new
            return
        raise E.IndexOutOfRangeException("Index was outside the bounds of the array.",
                                         error_id="System.IndexOutOfRangeException", category="OperationStopped")
    if t is Hashtable or t is OrderedDictionary:
        if not (t is OrderedDictionary and T.is_integer(index)):
            if index is None:
                raise RuntimeException("Index operation failed; the array index evaluated to null.",
                                       error_id="NullArrayIndex", category="InvalidOperation")
            key = unwrap(index) if isinstance(index, PSObject) else index
            if isinstance(key, list):
                key = tuple(key)          # an array used as a key (Python lists cannot be hashed)
            value[key] = new
            return
    _guard(_set_index_slow, value, index, new)


def _set_index_slow(value: Any, index: Any, new: Any) -> None:
    if isinstance(value, PSObject) and value.base is not None:
        _set_index_slow(value.base, index, new)
        return
    if isinstance(value, Hashtable):
        if index is None:
            raise RuntimeException("Index operation failed; the array index evaluated to null.",
                                   error_id="NullArrayIndex", category="InvalidOperation")
        T.set_dictionary_item(value, tuple(index) if isinstance(index, list) else index, new)
        return
    own = getattr(value, "ps_set_index", None)
    if own is not None:
        own(index, new)
        return
    if isinstance(value, PSList):
        i = _index_int(index)
        n = len(value)
        if i is None or not (0 <= i < n or -n <= i < 0):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                              "the collection. (Parameter 'index')")
        value[i] = T.list_conv(value, new)
        return
    if isinstance(value, list):
        if _is_index_list(index):
            raise RuntimeException("Array assignment to [" + ",".join(C.to_string(x) for x in _items(index)) +
                                   "] failed because assignment to slices is not supported.",
                                   error_id="ArraySliceAssignmentFailed", category="InvalidOperation")
        i = _index_int(index)
        n = len(value)
        if i is None or not -n <= i < n:
            raise E.IndexOutOfRangeException("Index was outside the bounds of the array.",
                                             error_id="System.IndexOutOfRangeException", category="OperationStopped")
        if isinstance(value, T.TypedArray) and value.element_type is not None:
            new = value.element_type.convert(new)
        value[i] = new
        return
    if isinstance(value, T.StringBuilder):
        i = _index_int(index)
        text = value.text()
        if i is None or not 0 <= i < len(text):
            raise E.IndexOutOfRangeException("Index was outside the bounds of the array.")
        value.set_text(text[:i] + T.a_char([new], 0, "value") + text[i + 1:])
        return
    raise cannot_index(value)


# ==============================================================================================
# Property lists (formatting, Select-Object *, Get-Member, serialization)

def property_names(value: Any) -> list:
    """All properties of a value, in .NET declaration order (PSObject note properties first, in order)."""
    try:
        return _guard(_property_names, value)
    except PSException:
        return []


def _property_names(value: Any) -> list:
    if isinstance(value, PSObject):
        names = value.property_names()
        if value.base is not None:
            seen = {n.casefold() for n in names}
            names += [n for n in _property_names(value.base) if n.casefold() not in seen]
        return names
    if value is None or value is AUTOMATION_NULL:
        return []
    if isinstance(value, str):
        return ["Length"]
    if isinstance(value, EnumValue):
        return ["value__"]
    if isinstance(value, (bool, int, float, _Dec)):
        return []
    if isinstance(value, Hashtable):
        return T.dictionary_property_names(value)
    if isinstance(value, PSList):
        return T.list_property_names(value)
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple, T.TypedArray):
        return list(_ARRAY_PROPS)
    if isinstance(value, T.DateTimeOffset):
        return list(T.DateTimeOffset.ps_properties)
    if isinstance(value, datetime.datetime):
        return list(_DATETIME_PROPS)
    if isinstance(value, datetime.timedelta):
        return list(_TIMESPAN_PROPS)
    if isinstance(value, uuid.UUID):
        return ["Guid"]
    if isinstance(value, PSException):
        return exception_property_names(value)
    if isinstance(value, E.ErrorRecord):
        names = list(_ERRORRECORD_PROPS)
        extras = value.serialized_extras
        if isinstance(extras, dict):
            names += [str(k) for k in extras if str(k).casefold() not in {n.casefold() for n in names}]
        return names
    if isinstance(value, E.InvocationInfo):
        return list(_INVOCATION_PROPS)
    if _is_culture(value):
        return list(_CULTURE_PROPS)
    if type(value).__name__ == "ScriptBlock":
        return list(_SCRIPTBLOCK_PROPS)
    props = getattr(value, "ps_properties", None)
    if props is not None:
        if callable(props) and not isinstance(props, (list, tuple)):
            props = props()
        return [str(p) for p in props]
    if isinstance(value, list):
        return list(_ARRAY_PROPS)
    return []


def default_display_property_set(value: Any) -> Optional[list]:
    """The DefaultDisplayPropertySet when the type has one (types.ps1xml / PSStandardMembers), else None."""
    try:
        base = unwrap(value)
        dd = getattr(base, "ps_default_display", None)
        if dd:
            return [str(n) for n in (dd() if callable(dd) else dd)]
    except Exception:   # noqa: BLE001 - formatting must never fail
        return None
    return None


def display_property_names(value: Any) -> list:
    """What table/list formatting shows by default: the DefaultDisplayPropertySet or all properties."""
    dd = default_display_property_set(value)
    if dd:
        return dd
    names = property_names(value)
    hidden = getattr(value, "hidden", None)
    if hidden:
        names = [n for n in names if n.casefold() not in hidden]
    return names


# ==============================================================================================
# Get-Member

def _generic_names(value: Any) -> dict:
    """Placeholder -> short type name for a value's generic method definitions (T, TKey, TValue)."""
    def short(t):
        return short_type_name(t.full_name) if t is not None else "System.Object"
    if isinstance(value, T.GenericDictionary):
        return {"TKey": short(value.key_type), "TValue": short(value.value_type)}
    et = getattr(value, "element_type", None)
    if isinstance(value, (PSList, T.HashSetValue, T.QueueValue)):
        return {"T": short(et) if isinstance(et, T.PSType) else "System.Object"}
    if isinstance(value, (bool, int, float, _Dec, str, datetime.datetime, datetime.timedelta, uuid.UUID)):
        return {"T": _value_type_short(value)}
    return {}


def concrete_definition(definition: str, value: Any) -> str:
    """`int CompareTo(T value)` on an Int32 reads `int CompareTo(int value)` (as pwsh prints closed generics)."""
    if value is None or "T" not in definition:
        return definition
    names = _generic_names(value)
    if not names:
        return definition
    import re
    return re.sub(r"\b(TKey|TValue|T)\b", lambda m: names.get(m.group(1), m.group(1)), definition)


def _method_definition(m: NetMethod, value: Any = None) -> str:
    return ", ".join(concrete_definition(d, value) for d in m.overloads)


_DICT_DECLARED = {"keys": ("System.Collections.ICollection", False), "values": ("System.Collections.ICollection", False),
                  "syncroot": ("System.Object", False), "count": ("int", False), "isreadonly": ("bool", False),
                  "isfixedsize": ("bool", False), "issynchronized": ("bool", False)}
_ARRAY_DECLARED = {"syncroot": ("System.Object", False), "length": ("int", False), "longlength": ("long", False),
                   "rank": ("int", False), "count": ("int", False), "isreadonly": ("bool", False),
                   "isfixedsize": ("bool", False), "issynchronized": ("bool", False)}
_LIST_DECLARED = {"capacity": ("int", True), "count": ("int", False), "isreadonly": ("bool", False),
                  "isfixedsize": ("bool", False), "issynchronized": ("bool", False), "syncroot": ("System.Object", False)}


def _declared(value: Any, name: str) -> Optional[tuple]:
    key = name.casefold()
    if isinstance(value, Hashtable):
        return _DICT_DECLARED.get(key)
    if isinstance(value, PSList):
        return _LIST_DECLARED.get(key)
    if isinstance(value, (list, tuple)):
        return _ARRAY_DECLARED.get(key)
    return None


def _property_definition(value: Any, name: str) -> str:
    decl = _declared(value, name)
    if decl is not None:
        return f"{decl[0]} {name} {{{'get;set;' if decl[1] else 'get;'}}}"
    try:
        v = lookup_property(value, name)
    except PSException:
        v = None
    if v is _MISSING:
        v = None
    settable = "get;set;" if _is_settable(value, name) else "get;"
    return f"{_value_type_short(v)} {name} {{{settable}}}"


def get_members(value: Any) -> list:
    """(name, member type, definition) for Get-Member, sorted by member type then name."""
    try:
        return _guard(_get_members, value)
    except PSException:
        return []


def _get_members(value: Any) -> list:
    out: list = []
    seen: set = set()

    def add(name, kind, definition):
        k = (name.casefold(), kind)
        if k not in seen:
            seen.add(k)
            out.append((name, kind, definition))

    obj = value
    base = value.base if isinstance(value, PSObject) and value.base is not None else value
    if isinstance(obj, PSObject):
        for p in obj.properties():
            kind = p.member_type or "NoteProperty"
            view = PSPropertyView(obj, p.name, kind, p)
            add(p.name, kind, view.definition())
        if obj.methods:
            for k, m in obj.methods.items():
                sm = _script_method(str(k), m)
                add(sm.name, "ScriptMethod", f"System.Object {sm.name}();")
    for m in methods_of(base).values():
        kind = "ParameterizedProperty" if m.overloads and m.overloads[0].endswith("{get;}") or (
            m.overloads and m.overloads[0].endswith("{get;set;}")) else "Method"
        add(m.name, kind, _method_definition(m, base))
    if not isinstance(base, PSObject) or base is not obj:
        names = property_names(base) if not (isinstance(obj, PSObject) and base is obj) else []
        if isinstance(base, datetime.datetime) and not isinstance(base, T.DateTimeOffset):
            names = [n for n in names if n != "DateTime"]
            add("DateTime", "ScriptProperty", 'System.Object DateTime {get=if ((& { Set-StrictMode -Version 1; '
                '$this.DisplayHint }) -ieq  "Date")...')
        if isinstance(base, uuid.UUID):
            names = []
        for n in names:
            if (n.casefold(), "NoteProperty") in seen:
                continue
            add(n, "Property", _property_definition(base, n))
    out.sort(key=lambda m: (m[1].casefold(), m[0].casefold()))
    return out


def static_member_names(t: T.PSType, kind: str) -> list:
    if kind == "method":
        return [m.name for m in t.static_methods()]
    return t.static_names()


def get_static_members(value: Any) -> list:
    """(name, member type, definition) of a type's static members (Get-Member -Static)."""
    try:
        t = _type_for_static(value)
    except PSException:
        return []
    out = []
    for m in t.static_methods():
        out.append((m.name, "Method", ", ".join("static " + d for d in m.overloads)))
    for name in t.static_names():
        try:
            v = t.get_static(name)
        except PSException:
            v = None
        settable = "get;set;" if name.casefold() in t._settable else "get;"
        out.append((name, "Property", f"static {_value_type_short(v)} {name} {{{settable}}}"))
    for common in ("Equals", "ReferenceEquals"):
        if not any(o[0] == common for o in out):
            out.append((common, "Method", f"static bool {common}(System.Object objA, System.Object objB)"))
    out.sort(key=lambda m: (m[1].casefold(), m[0].casefold()))
    return out


# ==============================================================================================
# Static members through a value (`$t = [int]; $t::MaxValue`, `$x::Parse('1')`)

def _type_for_static(value: Any) -> T.PSType:
    v = unwrap(value)
    if isinstance(v, T.PSType):
        return v
    if isinstance(v, str) and not isinstance(v, PSChar):
        t = T.resolve_type(v)
        if t is not None:
            return t
        raise RuntimeException(f"Unable to find type [{v}].", error_id="TypeNotFound", category="InvalidOperation")
    if v is None:
        raise RuntimeException("You cannot call a method on a null-valued expression.",
                               error_id="InvokeMethodOnNull", category="InvalidOperation")
    return T.type_of(v)


def get_static_member(value: Any, name: str) -> Any:
    t = _guard(_type_for_static, value)
    return _guard(t.get_static, name)


def invoke_static_member(value: Any, name: str, args: list) -> Any:
    t = _guard(_type_for_static, value)
    if name.casefold() == "new":
        return _guard(t.new, list(args))
    return _guard(t.invoke_static, name, list(args))
