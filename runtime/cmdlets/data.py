"""Data cmdlets: ConvertTo-Json / ConvertFrom-Json, the CSV family (ConvertTo-Csv, ConvertFrom-Csv, Export-Csv,
Import-Csv) and Export-Clixml / Import-Clixml.

JSON follows pwsh 7.4's JsonObject (Newtonsoft underneath): -Depth 2 by default with a truncation warning,
two-space indentation, `"key": value`, doubles always with a decimal point, ISO dates; ConvertFrom-Json
is Newtonsoft-lenient (comments, single quotes) and turns ISO date strings into DateTime. CSV follows
ExportCsvHelper / ImportCsvHelper; CLIXML lives in runtime/clixml.py.
"""
from __future__ import annotations

import datetime
import decimal
import os
import re
import uuid
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.objects import (
    _as_list, base_of, enumerate_result, get_property, is_null, property_names, to_str, to_text, type_names,
    with_instance_members,
)
from pslark.runtime.errors import (
    ArgumentException, InvalidOperationException, IOException, PSArgumentException, RuntimeException,
)
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSObject
from pslark.runtime.shouldprocess import Operation

# ------------------------------------------------------------------------------------------------
# Files and encodings

_ENCODINGS = {
    "utf8": ("utf-8", False), "utf8nobom": ("utf-8", False), "utf8bom": ("utf-8", True),
    "unicode": ("utf-16-le", True), "bigendianunicode": ("utf-16-be", True), "utf32": ("utf-32-le", True),
    "bigendianutf32": ("utf-32-be", True), "ascii": ("ascii", False), "oem": ("utf-8", False),
    "default": ("utf-8", False), "latin1": ("latin-1", False), "utf7": ("utf-7", False),
}
ENCODING_NAMES = ("ascii", "ansi", "bigendianunicode", "bigendianutf32", "oem", "unicode", "utf7", "utf8",
                  "utf8BOM", "utf8NoBOM", "utf32")


def resolve_encoding(cmd: Cmdlet, name: Any) -> tuple[str, bool]:
    """(python codec, write a BOM) for an -Encoding argument (names, code pages, .NET names)."""
    if name is None:
        return "utf-8", False
    key = to_str(base_of(name)).replace("-", "").casefold()
    if key in _ENCODINGS:
        return _ENCODINGS[key]
    if key == "ansi":
        return "utf-8", False
    if key.isdigit():
        page = int(key)
        table = {65001: ("utf-8", False), 1200: ("utf-16-le", True), 1201: ("utf-16-be", True),
                 12000: ("utf-32-le", True), 20127: ("ascii", False), 28591: ("latin-1", False)}
        if page in table:
            return table[page]
        try:
            import codecs
            codecs.lookup(f"cp{page}")
            return f"cp{page}", False
        except LookupError:
            pass
    try:
        import codecs
        codecs.lookup(key)
        return key, False
    except LookupError:
        pass
    msg = (f"Cannot bind parameter 'Encoding'. '{to_str(name)}' is not a supported encoding name. For information on "
           f"defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. "
           f"(Parameter 'name')")
    cmd.throw_terminating(cmd.error_record(msg, "CannotConvertArgumentNoMessage", "InvalidArgument", None,
                                           PSArgumentException(msg)))
    raise AssertionError("unreachable")


class _TextWriter:
    def __init__(self, fh):
        self.fh = fh

    def write(self, text: str) -> None:
        self.fh.write(text)

    def close(self) -> None:
        self.fh.close()


_OTHER_PROVIDERS = {"env": "Microsoft.PowerShell.Core\\Environment", "variable": "Microsoft.PowerShell.Core\\Variable",
                    "alias": "Microsoft.PowerShell.Core\\Alias", "function": "Microsoft.PowerShell.Core\\Function"}


def provider_path(cmd: Cmdlet, path: str, param: Optional[str] = None) -> str:
    """The FileSystem path a file cmdlet reads or writes, with pwsh's errors: a mandatory path parameter refuses $null
    and '' (`param` names it), another provider's drive is ReadWriteFileNotFileSystemProvider, an unknown drive
    DriveNotFound."""
    from pslark.runtime.paths import is_filesystem_drive, qualifier_of, to_provider_path
    if param is not None and (path is None or path is AUTOMATION_NULL or path == ""):
        from pslark.runtime.errors import ParameterBindingException
        if path == "":
            msg = f"Cannot bind argument to parameter '{param}' because it is an empty string."
            eid = "ParameterArgumentValidationErrorEmptyStringNotAllowed"
        else:
            msg = f"Cannot bind argument to parameter '{param}' because it is null."
            eid = "ParameterArgumentValidationErrorNullNotAllowed"
        cmd.throw_terminating(cmd.error_record(msg, eid, "InvalidData", None, ParameterBindingException(msg)))
    text = "" if path is None else str(path)
    q = qualifier_of(text)
    if q is not None and not text.startswith(("Microsoft.PowerShell.Core\\FileSystem::", "FileSystem::")):
        drive = q[:-1].casefold()
        provider = _OTHER_PROVIDERS.get(drive)
        if provider is not None:
            # PathUtils.ReportWrongProviderType
            msg = f"Cannot open file because the current provider ({provider}) cannot open a file."
            rec = cmd.error_record(msg, "ReadWriteFileNotFileSystemProvider", "InvalidArgument", None,
                                   InvalidOperationException("Operation is not valid due to the current state of the "
                                                             "object."))
            rec.error_details_message = msg
            cmd.throw_terminating(rec)
        if not is_filesystem_drive(drive):
            from pslark.runtime.errors import DriveNotFoundException
            msg = f"Cannot find drive. A drive with the name '{q[:-1]}' does not exist."
            cmd.throw_terminating(cmd.error_record(msg, "DriveNotFound", "ObjectNotFound", q[:-1],
                                                   DriveNotFoundException(msg)))
    return to_provider_path(cmd.ctx.session, text)


def _check_no_clobber(cmd: Cmdlet, full: str, append: bool, no_clobber: bool) -> None:
    if no_clobber and not append and os.path.exists(full):
        msg = f"The file '{full}' already exists."
        cmd.throw_terminating(cmd.error_record(msg, "NoClobber", "ResourceExists", full, IOException(msg)))


def open_text_writer(cmd: Cmdlet, full: str, encoding: Any, append: bool, no_clobber: bool = False):
    """A text file for Export-Csv / Tee-Object / Export-Clixml, with pwsh's errors."""
    codec, bom = resolve_encoding(cmd, encoding)
    if no_clobber and not append and os.path.exists(full):
        msg = f"The file '{full}' already exists."
        cmd.throw_terminating(cmd.error_record(msg, "NoClobber", "ResourceExists", full, IOException(msg)))
    if os.path.isdir(full):
        msg = f"Access to the path '{full}' is denied."
        cmd.throw_terminating(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
    parent = os.path.dirname(full) or "/"
    if not os.path.isdir(parent):
        msg = f"Could not find a part of the path '{full}'."
        cmd.throw_terminating(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
    exists = os.path.exists(full) and os.path.getsize(full) > 0
    try:
        fh = open(full, "a" if append else "w", encoding=codec, newline="\n")
    except OSError as exc:
        msg = f"Access to the path '{full}' is denied." if isinstance(exc, PermissionError) else \
            f"Could not open the file '{full}': {exc.strerror}."
        cmd.throw_terminating(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
    if bom and not (append and exists):
        fh.write("\ufeff")
    return _TextWriter(fh)


def read_text_file(cmd: Cmdlet, full: str, encoding: Any = None) -> Optional[str]:
    """The text of a file (BOM-aware); a non-terminating error and None when it cannot be read."""
    if not os.path.exists(full):
        msg = f"Could not find file '{full}'."
        cmd.write_error(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
        return None
    if os.path.isdir(full):
        msg = f"Access to the path '{full}' is denied."
        cmd.write_error(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
        return None
    try:
        with open(full, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        msg = f"Access to the path '{full}' is denied." if isinstance(exc, PermissionError) else str(exc)
        cmd.write_error(cmd.error_record(msg, "FileOpenFailure", "OpenError", None, IOException(msg)))
        return None
    return decode_bytes(raw, resolve_encoding(cmd, encoding)[0] if encoding is not None else None)


def decode_bytes(raw: bytes, codec: Optional[str] = None) -> str:
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                      (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(name, errors="replace")
    return raw.decode(codec or "utf-8", errors="replace")


def pipeline_paths(raw: Any) -> list:
    """(path, is_literal) pairs for a -Path parameter typed object[] that also takes pipeline input, emulating pwsh's
    binding order: an object that is not a string binds by property name first (LiteralPath / PSPath / LP to
    -LiteralPath, Path to -Path), and only then by value with coercion to string."""
    out = []
    for item in ([] if raw is None else _as_list(raw)):
        b = base_of(item)
        if is_null(item) or isinstance(b, str):
            out.append((b, False))
            continue
        if not isinstance(b, (list, tuple, int, float)) and not isinstance(b, Hashtable):
            picked = None
            for name, literal in (("LiteralPath", True), ("PSPath", True), ("LP", True), ("Path", False)):
                found, v = get_property(item, name)
                if found and not is_null(v):
                    picked = (to_str(v), literal)
                    break
            if picked is not None:
                out.append(picked)
                continue
        out.append((to_str(item), False))
    return out


def resolve_input_paths(cmd: Cmdlet, paths: list, literal: bool) -> list:
    """Provider paths for -Path (wildcards expanded) or -LiteralPath; errors for unmatched wildcards."""
    from pslark.runtime.paths import expand_wildcards
    from pslark.runtime.wildcard import has_wildcard
    out = []
    for p in paths:
        if p is None or p == "":
            provider_path(cmd, p, "LiteralPath" if literal else "Path")
        p = to_str(p)
        if literal or not has_wildcard(p):
            out.append(provider_path(cmd, p))
            continue
        found = expand_wildcards(cmd.ctx.session, p)
        if not found:
            msg = f"Cannot find path '{provider_path(cmd, p)}' because it does not exist."
            from pslark.runtime.errors import ItemNotFoundException
            cmd.write_error(cmd.error_record(msg, "PathNotFound", "ObjectNotFound", p, ItemNotFoundException(msg)))
        out.extend(found)
    return out


# ------------------------------------------------------------------------------------------------
# ConvertTo-Json

class _Raw:
    """A JSON token written as is (numbers, true/false/null)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


_NULL = _Raw("null")


def json_double(x: float, single: bool = False) -> Any:
    from pslark.runtime.clixml import double_r, single_r
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    text = single_r(x) if single else double_r(x)
    if not any(c in text for c in ".Ee"):
        text += ".0"
    return _Raw(text)


class JsonConverter:
    """JsonObject.ConvertToJson: values to JSON text with pwsh's depth rule."""

    def __init__(self, cmd: Optional[Cmdlet], depth: int = 2, compress: bool = False, enums_as_strings: bool = False,
                 escape: str = "Default"):
        self.cmd = cmd
        self.depth = depth
        self.compress = compress
        self.enums_as_strings = enums_as_strings
        self.escape = escape.casefold()
        self.warned = False

    def convert(self, value: Any) -> str:
        tree = self.process(value, 0)
        return self.render(tree, 0)

    # ---- pre-processing (ProcessValue)
    def process(self, obj: Any, depth: int) -> Any:
        if self.cmd is not None:
            self.cmd.check_stop()
        if is_null(obj):
            return _NULL
        obj = with_instance_members(obj)
        pso = obj if isinstance(obj, PSObject) else None
        if pso is not None:
            obj = pso.base
        pure = pso is not None and obj is None
        custom = False
        from pslark.runtime import numbers as N
        if pure:
            rv = None
        elif obj is None or type(obj).__name__ == "DBNullValue":
            # DBNull.Value (and a PSObject around null): JSON null, plus any ETS properties as {"value": null, ...}
            rv = _NULL
        elif isinstance(obj, bool):
            rv = _Raw("true" if obj else "false")
        elif isinstance(obj, str):
            rv = str(obj)
        elif isinstance(obj, datetime.datetime):
            from pslark.runtime.clixml import datetime_roundtrip
            rv = datetime_roundtrip(obj)
        elif isinstance(obj, uuid.UUID):
            rv = str(obj)
        elif isinstance(obj, N.EnumValue):
            rv = str(obj) if self.enums_as_strings else _Raw(str(int(obj)))
        elif isinstance(obj, N.Single):
            rv = json_double(float(obj), True)
        elif isinstance(obj, float):
            rv = json_double(obj)
        elif isinstance(obj, int):
            rv = _Raw(str(int(obj)))
        elif isinstance(obj, decimal.Decimal):
            text = to_str(obj)
            rv = _Raw(text if "." in text or "E" in text else text + ".0")
        elif type_names(obj)[0] in ("System.Uri", "System.Version") and not isinstance(obj, (list, Hashtable)):
            rv = to_str(obj) if type_names(obj)[0] == "System.Uri" else self._custom(obj, depth)
        else:
            rv = AUTOMATION_NULL
        if rv is AUTOMATION_NULL or pure:
            if depth > self.depth:
                self._warn()
                return to_str(pso if pure else obj)
            if pure:
                rv = {}
                custom = True
            elif isinstance(obj, Hashtable) or isinstance(obj, dict):
                rv = self._dictionary(obj, depth)
            elif enumerate_result(obj) is not None:
                rv = [self.process(x, depth + 1) for x in enumerate_result(obj)]
            else:
                rv = self._custom(obj, depth)
                custom = True
        return self._add_ps_properties(pso, rv, depth, custom)

    def _warn(self) -> None:
        if not self.warned and self.cmd is not None:
            self.warned = True
            self.cmd.write_warning(f"Resulting JSON is truncated as serialization has exceeded the set depth of "
                                   f"{self.depth}.")

    def _dictionary(self, d: Any, depth: int) -> dict:
        out: dict = {}
        items = d.items() if isinstance(d, Hashtable) else list(d.items())
        for k, v in items:
            if not isinstance(k, str):
                tn = getattr(d, "type_name", "System.Collections.Hashtable")
                msg = (f"The type '{tn}' is not supported for serialization or deserialization of a dictionary. Keys "
                       f"must be strings.")
                if self.cmd is not None:
                    self.cmd.throw_terminating(self.cmd.error_record(msg, "NonStringKeyInDictionary", "InvalidOperation",
                                                                     d, InvalidOperationException(msg)))
                raise InvalidOperationException(msg)
            out[str(k)] = self.process(v, depth + 1)
        return out

    def _custom(self, obj: Any, depth: int) -> dict:
        from pslark.runtime.cmdlets.objects import own_property_names
        out: dict = {}
        for name in (own_property_names(obj) if not isinstance(obj, PSObject) else property_names(obj)):
            found, value = get_property(obj, name)
            if not found:
                continue
            if callable(value) and not hasattr(value, "ps_properties"):
                value = None
            out[name] = self.process(value, depth + 1)
        return out

    def _add_ps_properties(self, pso: Optional[PSObject], rv: Any, depth: int, custom: bool) -> Any:
        if pso is None:
            return rv
        if isinstance(pso.base, (str, datetime.datetime)):
            return rv
        was_dict = isinstance(rv, dict)
        target = rv if was_dict else {"value": rv}
        for p in pso.properties():
            try:
                value = p.getter(pso) if p.getter is not None else p.value
            except Exception:   # a property that fails to evaluate is null, as in pwsh
                value = None
            if p.name not in target:
                target[p.name] = self.process(value, depth + 1)
        if not was_dict and len(target) == 1:
            return rv
        return target

    # ---- text (Newtonsoft's writer)
    def render(self, node: Any, level: int) -> str:
        if isinstance(node, _Raw):
            return node.text
        if isinstance(node, str):
            return self.quote(node)
        if isinstance(node, dict):
            if not node:
                return "{}"
            if self.compress:
                return "{" + ",".join(self.quote(k) + ":" + self.render(v, level + 1) for k, v in node.items()) + "}"
            pad = "  " * (level + 1)
            body = ",\n".join(pad + self.quote(k) + ": " + self.render(v, level + 1) for k, v in node.items())
            return "{\n" + body + "\n" + "  " * level + "}"
        if isinstance(node, list):
            if not node:
                return "[]"
            if self.compress:
                return "[" + ",".join(self.render(v, level + 1) for v in node) + "]"
            pad = "  " * (level + 1)
            body = ",\n".join(pad + self.render(v, level + 1) for v in node)
            return "[\n" + body + "\n" + "  " * level + "]"
        return self.quote(to_str(node))

    def quote(self, s: str) -> str:
        out = ['"']
        html = self.escape == "escapehtml"
        non_ascii = self.escape == "escapenonascii"
        for ch in s:
            c = ord(ch)
            if ch == '"':
                out.append("\\u0022" if html else '\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            elif c < 0x20 or c in (0x85, 0x2028, 0x2029) or (non_ascii and c > 0x7F):
                out.append(_unicode_escape(ch))
            elif html and ch in "<>'&":
                out.append(_unicode_escape(ch))
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)


def _unicode_escape(ch: str) -> str:
    c = ord(ch)
    if c > 0xFFFF:
        hi, lo = divmod(c - 0x10000, 0x400)
        return f"\\u{0xD800 + hi:04x}\\u{0xDC00 + lo:04x}"
    return f"\\u{c:04x}"


@cmdlet("ConvertTo-Json")
class ConvertToJson(Cmdlet):
    input_object = Parameter("object", position=0, mandatory=True, pipeline=True, allow_null=True)
    depth = Parameter("int", default=2, validate_range=(0, 100))
    compress = Parameter("switch")
    enums_as_strings = Parameter("switch")
    as_array = Parameter("switch")
    escape_handling = Parameter("string", default="Default", validate_set=("Default", "EscapeNonAscii", "EscapeHtml"))

    def begin_processing(self):
        self._inputs: list = []

    def process_record(self):
        obj = self.input_object
        if obj is AUTOMATION_NULL:
            if self.is_bound("InputObject"):
                self._inputs.append(None)
            return
        self._inputs.append(obj)

    def end_processing(self):
        if not self._inputs:
            return
        value = list(self._inputs) if (len(self._inputs) > 1 or self.as_array) else self._inputs[0]
        conv = JsonConverter(self, self.depth if self.depth is not None else 2, bool(self.compress),
                             bool(self.enums_as_strings), self.escape_handling or "Default")
        self.write_object(conv.convert(value))


# ------------------------------------------------------------------------------------------------
# ConvertFrom-Json

class JsonError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class OrderedHashtable(Hashtable):
    """System.Management.Automation.OrderedHashtable (what ConvertFrom-Json -AsHashtable returns): a Hashtable
    (`-is [hashtable]`) that keeps its keys in insertion order."""

    __slots__ = ()
    type_name = "System.Management.Automation.OrderedHashtable"
    type_names = ["System.Management.Automation.OrderedHashtable", "System.Collections.Hashtable", "System.Object"]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})?$")


def _json_date(text: str, kind: str = "default") -> Any:
    """An ISO date string as Newtonsoft reads it: DateKind Default (offset -> local time, Z -> UTC, none ->
    as written), Local, Utc, Offset (a DateTimeOffset) or String (kept as text)."""
    from pslark.runtime.clixml import parse_roundtrip_datetime
    if kind == "string":
        return text
    try:
        if kind == "default":
            return parse_roundtrip_datetime(text)
        m = _ISO_DATE_PARTS.match(text)
        naive = parse_roundtrip_datetime(m.group(1))
        tz = m.group(2)
        if tz == "Z":
            aware = naive.replace(tzinfo=datetime.timezone.utc)
        elif tz:
            sign = 1 if tz[0] == "+" else -1
            aware = naive.replace(tzinfo=datetime.timezone(sign * datetime.timedelta(hours=int(tz[1:3]),
                                                                                     minutes=int(tz[4:6]))))
        else:
            aware = None
        if kind == "local":
            return aware.astimezone().replace(tzinfo=None) if aware is not None else naive
        if kind == "utc":
            return aware.astimezone(datetime.timezone.utc) if aware is not None else \
                naive.replace(tzinfo=datetime.timezone.utc)
        from pslark.runtime.types import DateTimeOffset
        if aware is None:
            return DateTimeOffset.from_datetime(naive)
        return DateTimeOffset.from_datetime(aware)
    except Exception:   # not a date after all: keep the string
        return text


_ISO_DATE_PARTS = re.compile(r"^(.*?)(Z|[+-]\d{2}:\d{2})?$")


class JsonParser:
    """A Newtonsoft-lenient JSON reader: comments, single quotes, unquoted names, NaN/Infinity."""

    def __init__(self, text: str, as_hashtable: bool, max_depth: int, date_kind: str = "default"):
        self.date_kind = date_kind
        self.s = text
        self.i = 0
        self.n = len(text)
        self.as_hashtable = as_hashtable
        self.max_depth = max_depth
        self.path: list = []

    # ---- positions for messages
    def _where(self, pos: Optional[int] = None) -> str:
        pos = self.i if pos is None else pos
        line = self.s.count("\n", 0, pos) + 1
        col = pos - (self.s.rfind("\n", 0, pos) + 1)
        return f"Path '{self._path()}', line {line}, position {col}."

    def _path(self) -> str:
        out = ""
        for p in self.path:
            if isinstance(p, int):
                out += f"[{p}]"
            else:
                out += ("." if out else "") + p
        return out

    def error(self, what: str, pos: Optional[int] = None) -> JsonError:
        return JsonError(f"{what} {self._where(pos)}")

    def skip(self) -> None:
        s, n = self.s, self.n
        while self.i < n:
            c = s[self.i]
            if c in " \t\r\n\ufeff\u00a0":
                self.i += 1
            elif c == "/" and self.i + 1 < n and s[self.i + 1] == "/":
                j = s.find("\n", self.i)
                self.i = n if j < 0 else j + 1
            elif c == "/" and self.i + 1 < n and s[self.i + 1] == "*":
                j = s.find("*/", self.i + 2)
                if j < 0:
                    raise self.error("Unexpected end while parsing comment.", n)
                self.i = j + 2
            else:
                break

    def parse(self) -> Any:
        self.skip()
        if self.i >= self.n:
            return AUTOMATION_NULL
        value = self.value(1)
        self.skip()
        if self.i < self.n:
            raise self.error(f"Additional text encountered after finished reading JSON content: {self.s[self.i]}.",
                             self.i + 1)
        return value

    def value(self, depth: int) -> Any:
        self.skip()
        if self.i >= self.n:
            raise self.error("Unexpected end when reading JSON.", self.n)
        c = self.s[self.i]
        if c in "{[" and depth > self.max_depth:
            # JsonReader.Push: only containers count towards MaxDepth
            raise self.error(f"The reader's MaxDepth of {self.max_depth} has been exceeded.", self.i + 1)
        if c == "{":
            return self.obj(depth)
        if c == "[":
            return self.arr(depth)
        if c in "\"'":
            text = self.string()
            if _ISO_DATE.match(text):
                return _json_date(text, self.date_kind)
            return text
        if c == "-" or c.isdigit() or c == ".":
            return self.number()
        word = re.match(r"[A-Za-z_$][A-Za-z0-9_$]*", self.s[self.i:])
        if word:
            w = word.group(0)
            self.i += len(w)
            if w == "true":
                return True
            if w == "false":
                return False
            if w in ("null", "undefined"):
                return None
            if w == "NaN":
                return float("nan")
            if w == "Infinity":
                return float("inf")
            raise self.error(f"Unexpected character encountered while parsing value: {w[0]}.", self.i - len(w) + 1)
        raise self.error(f"Unexpected character encountered while parsing value: {c}.", self.i + 1)

    def number(self) -> Any:
        m = re.match(r"-?(?:Infinity|\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.(?:[eE][+-]?\d+)?)", self.s[self.i:])
        if not m or not m.group(0) or m.group(0) == "-":
            raise self.error(f"Unexpected character encountered while parsing value: {self.s[self.i]}.", self.i + 1)
        text = m.group(0)
        end = self.i + len(text)
        if end < self.n and (self.s[end].isalnum() or self.s[end] in "._"):
            raise self.error(f"Unexpected character encountered while parsing number: {self.s[end]}.", end + 1)
        self.i = end
        if text.endswith("Infinity"):
            return float("-inf") if text.startswith("-") else float("inf")
        if any(ch in text for ch in ".eE"):
            return float(text)
        from pslark.runtime import numbers as N
        v = int(text)
        if -2**63 <= v < 2**63:
            return N.Int64(v)
        return N.BigInteger(v) if hasattr(N, "BigInteger") else v

    def string(self) -> str:
        quote = self.s[self.i]
        self.i += 1
        out = []
        s, n = self.s, self.n
        while True:
            if self.i >= n:
                raise self.error("Unterminated string. Expected delimiter: " + quote + ".", n)
            c = s[self.i]
            if c == quote:
                self.i += 1
                return "".join(out)
            if c == "\\":
                self.i += 1
                if self.i >= n:
                    raise self.error("Unterminated string. Expected delimiter: " + quote + ".", n)
                e = s[self.i]
                simple = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "/": "/", "\\": "\\", '"': '"',
                          "'": "'"}
                if e in simple:
                    out.append(simple[e])
                    self.i += 1
                elif e == "u":
                    hexs = s[self.i + 1:self.i + 5]
                    if len(hexs) < 4 or not re.fullmatch(r"[0-9A-Fa-f]{4}", hexs):
                        raise self.error(f"Invalid Unicode escape sequence: \\u{hexs}.", self.i + 1)
                    out.append(chr(int(hexs, 16)))
                    self.i += 5
                else:
                    raise self.error(f"Bad JSON escape sequence: \\{e}.", self.i + 1)
                continue
            out.append(c)
            self.i += 1

    def key(self) -> str:
        c = self.s[self.i]
        if c in "\"'":
            return self.string()
        m = re.match(r"[A-Za-z0-9_$\-]+", self.s[self.i:])
        if not m:
            raise self.error(f"Invalid property identifier character: {c}.", self.i + 1)
        self.i += len(m.group(0))
        return m.group(0)

    def obj(self, depth: int) -> Any:
        self.i += 1
        entries: list = []
        index: dict = {}
        while True:
            self.skip()
            if self.i >= self.n:
                raise self.error("Unexpected end when reading JSON.", self.n)
            if self.s[self.i] == "}":
                self.i += 1
                break
            k = self.key()
            self.skip()
            if self.i >= self.n or self.s[self.i] != ":":
                raise self.error(f"Invalid character after parsing property name. Expected ':' but got: "
                                 f"{self.s[self.i] if self.i < self.n else ''}.", self.i + 1)
            self.i += 1
            self.path.append(k)
            v = self.value(depth + 1)
            self.path.pop()
            if k in index:
                entries[index[k]] = (k, v)
            else:
                index[k] = len(entries)
                entries.append((k, v))
            self.skip()
            if self.i < self.n and self.s[self.i] == ",":
                self.i += 1
                continue
            if self.i < self.n and self.s[self.i] == "}":
                self.i += 1
                break
            raise self.error("After parsing a value an unexpected character was encountered: "
                             f"{self.s[self.i] if self.i < self.n else ''}.", self.i + 1)
        return self._build(entries)

    def _build(self, entries: list) -> Any:
        if self.as_hashtable:
            table = OrderedHashtable()
            for k, v in entries:
                table[k] = v
            return table
        result = PSObject()
        seen: dict = {}
        for k, v in entries:
            if k == "":
                raise JsonError("The provided JSON includes a property whose name is an empty string, this is only "
                                "supported using the -AsHashTable switch.")
            f = k.casefold()
            if f in seen:
                raise JsonError(f"Cannot convert the JSON string because it contains keys with different casing. "
                                f"Please use the -AsHashTable switch instead. The key that was attempted to be added "
                                f"to the existing key '{seen[f]}' was '{k}'.")
            seen[f] = k
            result.add_property(k, v)
        return result

    def arr(self, depth: int) -> list:
        self.i += 1
        items: list = []
        while True:
            self.skip()
            if self.i >= self.n:
                raise self.error("Unexpected end when reading JSON.", self.n)
            if self.s[self.i] == "]":
                self.i += 1
                break
            self.path.append(len(items))
            items.append(self.value(depth + 1))
            self.path.pop()
            self.skip()
            if self.i < self.n and self.s[self.i] == ",":
                self.i += 1
                continue
            if self.i < self.n and self.s[self.i] == "]":
                self.i += 1
                break
            raise self.error("After parsing a value an unexpected character was encountered: "
                             f"{self.s[self.i] if self.i < self.n else ''}.", self.i + 1)
        return items


def json_to_value(text: str, as_hashtable: bool = False, depth: int = 1024, date_kind: str = "default") -> Any:
    """JsonObject.ConvertFromJson (raises JsonError with Newtonsoft-like messages)."""
    return JsonParser(text, as_hashtable, depth, date_kind).parse()


@cmdlet("ConvertFrom-Json")
class ConvertFromJson(Cmdlet):
    input_object = Parameter("string", position=0, mandatory=True, pipeline=True, allow_empty_string=True)
    as_hashtable = Parameter("switch")
    depth = Parameter("int", default=1024, validate_range=(1, 2147483647))
    no_enumerate = Parameter("switch")
    # pwsh 7.5's -DateKind (Microsoft.PowerShell.Commands.JsonDateKind)
    date_kind = Parameter("string", default="Default", validate_set=("Default", "Local", "Utc", "Offset", "String"))

    def begin_processing(self):
        self._buffer: list = []
        self._kind = str(self.date_kind or "Default").casefold()

    def process_record(self):
        if self.input_object is AUTOMATION_NULL:
            return
        self._buffer.append("" if self.input_object is None else to_str(self.input_object))

    def end_processing(self):
        buf = self._buffer
        if not buf:
            return
        if len(buf) == 1:
            self._convert(buf[0])
            return
        first = self._try(buf[0])
        if first is not None:
            self._write(first[0])
            for text in buf[1:]:
                self._convert(text)
        else:
            self._convert("\n".join(buf))

    def _try(self, text: str):
        try:
            return (json_to_value(text, bool(self.as_hashtable), self.depth or 1024, self._kind),)
        except JsonError:
            return None

    def _convert(self, text: str) -> None:
        try:
            value = json_to_value(text, bool(self.as_hashtable), self.depth or 1024, self._kind)
        except JsonError as exc:
            msg = f"Conversion from JSON failed with error: {exc.message}"
            if exc.message.startswith(("Cannot convert the JSON string because", "The provided JSON includes")):
                msg = exc.message
                eid = "KeysWithDifferentCasingInJsonString" if msg.startswith("Cannot") else "EmptyKeyInJsonString"
                self.throw_terminating(self.error_record(msg, eid, "InvalidOperation", None,
                                                         InvalidOperationException(msg)))
            self.throw_terminating(self.error_record(msg, "System.ArgumentException", "NotSpecified", None,
                                                     ArgumentException(msg)))
            return
        self._write(value)

    def _write(self, value: Any) -> None:
        if value is AUTOMATION_NULL:
            self.write_object(None)
            return
        if isinstance(value, list) and not self.no_enumerate:
            for item in value:
                self.write_object(item)
        else:
            self.write_object(value)


# ------------------------------------------------------------------------------------------------
# CSV

def culture_list_separator() -> str:
    try:
        from pslark.runtime.culture import current_culture
        c = current_culture()
        sep = getattr(c, "list_separator", None)
        if isinstance(sep, str) and sep:
            return sep
        return ";" if c.decimal_sep == "," else ","
    except Exception:   # no culture data: the invariant separator
        return ","


def _delimiter(cmd: Cmdlet) -> str:
    if getattr(cmd, "use_culture", False):
        return culture_list_separator()
    d = getattr(cmd, "delimiter", None)
    if d is None:
        return ","
    d = to_str(d)
    return d[0] if d else ","


def csv_property_names(obj: Any) -> list:
    """ExportCsvHelper.BuildPropertyNames: dictionary keys (then any extended properties), else all properties."""
    obj = with_instance_members(obj)     # members Add-Member gave a plain dictionary count as extended properties
    b = base_of(obj)
    if isinstance(b, Hashtable):
        names = [to_str(k) for k in b.keys()]
        if isinstance(obj, PSObject):
            names += [n for n in obj.property_names() if n not in names]
        return names
    if isinstance(obj, PSObject) and obj.base is None:
        return obj.property_names()
    return property_names(obj)


def csv_value(obj: Any, name: str) -> Optional[str]:
    obj = with_instance_members(obj)
    b = base_of(obj)
    if isinstance(b, Hashtable) and name in b:
        v = b[name]
    else:
        found, v = get_property(obj, name)
        if not found:
            return None
    if is_null(v):
        return None
    return to_text(v)


class CsvWriter:
    """ExportCsvHelper: header and rows as pwsh writes them."""

    def __init__(self, delimiter: str, quote_kind: str = "Always", quote_fields: Optional[list] = None):
        self.delimiter = delimiter
        self.quote_kind = quote_kind.casefold()
        self.quote_fields = {f.casefold() for f in quote_fields} if quote_fields else None

    def _quote(self, name: str, value: Optional[str]) -> str:
        if value is None:
            return ""
        if self.quote_fields is not None:
            return _escape_always(value) if name.casefold() in self.quote_fields else value
        if self.quote_kind == "never":
            return value
        if self.quote_kind == "asneeded":
            if any(ch in value for ch in (self.delimiter, "\n", "\r", '"')):
                return _escape_always(value)
            return value
        return _escape_always(value)

    def header(self, names: list) -> str:
        return self.delimiter.join(self._quote(n, n) for n in names)

    def row(self, obj: Any, names: list) -> str:
        return self.delimiter.join(self._quote(n, csv_value(obj, n)) for n in names)


def _escape_always(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


class _CsvOutBase(Cmdlet):
    """What ConvertTo-Csv and Export-Csv share."""

    def _writer(self) -> CsvWriter:
        quote = "Always"
        if self.use_quotes is not None:
            quote = to_str(self.use_quotes)
        fields = [to_str(f) for f in _as_list(self.quote_fields)] if self.quote_fields is not None else None
        return CsvWriter(_delimiter(self), quote, fields)

    def _lines_for(self, obj: Any) -> list:
        if self._names is None:
            self._names = csv_property_names(obj)
            lines = []
            if self.include_type_information:
                lines.append(_type_information_line(obj))
            if not self.no_header and not self._skip_header:
                lines.append(self._csv.header(self._names))
            lines.append(self._csv.row(obj, self._names))
            return lines
        return [self._csv.row(obj, self._names)]


_CSV_QUOTES = ("Never", "Always", "AsNeeded")


@cmdlet("ConvertTo-Csv", default_set="Delimiter")
class ConvertToCsv(_CsvOutBase):
    input_object = Parameter("psobject", position=0, mandatory=True, pipeline=True)
    delimiter = Parameter("char", position=1, sets=("Delimiter",), validate_not_null=True)
    use_culture = Parameter("switch", sets=("UseCulture",))
    include_type_information = Parameter("switch", aliases=("ITI",))
    no_type_information = Parameter("switch", aliases=("NTI",))
    quote_fields = Parameter("string[]", aliases=("QF",))
    use_quotes = Parameter("string", aliases=("UQ",), validate_set=_CSV_QUOTES)
    no_header = Parameter("switch")

    def begin_processing(self):
        _check_type_information(self)
        self._names: Optional[list] = None
        self._skip_header = False
        self._csv = self._writer()

    def process_record(self):
        obj = self.input_object
        if is_null(obj):
            return
        if _is_format_packet(obj):
            self._format_error(obj)
            return
        for line in self._lines_for(obj):
            self.write_object(line)

    def _format_error(self, obj: Any) -> None:
        msg = (f'The object of type "{type_names(obj)[0]}" is not valid or not in the correct sequence. This is likely '
               f'caused by a user-specified "format-*" command which is conflicting with the default formatting.')
        self.throw_terminating(self.error_record(msg, "FormatObjectDeserializerDeserializeInvalidFormatObject",
                                                 "InvalidData", obj, InvalidOperationException(msg)))


def _is_format_packet(obj: Any) -> bool:
    try:
        from pslark.runtime.formatting import is_packet
        return is_packet(obj)
    except Exception:   # no formatter: nothing is a packet
        return False


def _type_information_line(obj: Any) -> str:
    """ExportCsvHelper.GetTypeString: `#TYPE <first type name>` without an imported `CSV:` prefix."""
    names = type_names(obj) if not isinstance(obj, PSObject) else list(obj.type_names)
    if not names:
        return "#TYPE"
    name = names[0]
    if name[:4].casefold() == "csv:":
        name = name[4:]
    return "#TYPE " + name


def _check_type_information(cmd: Cmdlet) -> None:
    # BaseCsvWritingCommand.BeginProcessing
    if cmd.is_bound("QuoteFields") and cmd.is_bound("UseQuotes"):
        msg = "You must specify either the -UseQuotes or -QuoteFields parameters, but not both."
        cmd.throw_terminating(cmd.error_record(msg, "CannotSpecifyQuoteFieldsAndUseQuotes", "InvalidData", None,
                                               InvalidOperationException(msg)))
    if cmd.is_bound("IncludeTypeInformation") and cmd.is_bound("NoTypeInformation"):
        msg = "You must specify either the -IncludeTypeInformation or -NoTypeInformation parameters, but not both."
        cmd.throw_terminating(cmd.error_record(msg, "CannotSpecifyIncludeTypeInformationAndNoTypeInformation",
                                               "InvalidData", None, InvalidOperationException(msg)))


@cmdlet("Export-Csv", default_set="Delimiter", should_process=True, aliases=("epcsv",))
class ExportCsv(_CsvOutBase):
    operations = {"export": Operation(None)}          # ShouldProcess(Path): the cmdlet's name is the operation
    input_object = Parameter("psobject", mandatory=True, pipeline=True)
    path = Parameter("string", position=0)
    literal_path = Parameter("string", aliases=("PSPath", "LP"))
    force = Parameter("switch")
    no_clobber = Parameter("switch", aliases=("NoOverwrite",))
    encoding = Parameter("string")
    append = Parameter("switch")
    delimiter = Parameter("char", position=1, sets=("Delimiter",), validate_not_null=True)
    use_culture = Parameter("switch", sets=("UseCulture",))
    include_type_information = Parameter("switch", aliases=("ITI",))
    no_type_information = Parameter("switch", aliases=("NTI",))
    quote_fields = Parameter("string[]", aliases=("QF",))
    use_quotes = Parameter("string", aliases=("UQ",), validate_set=_CSV_QUOTES)
    no_header = Parameter("switch")

    def begin_processing(self):
        self._file = None
        self._restore_mode: Optional[int] = None
        if (self.path is None) == (self.literal_path is None):
            msg = "You must specify either the -Path or -LiteralPath parameters, but not both."
            self.throw_terminating(self.error_record(msg, "CannotSpecifyPathAndLiteralPath", "InvalidData", None,
                                                     InvalidOperationException(msg)))
        _check_type_information(self)
        if self.append and self.no_header:
            msg = "You must specify either the -Append or -NoHeader parameters, but not both."
            self.throw_terminating(self.error_record(msg, "CannotSpecifyBothAppendAndNoHeader", "InvalidData", None,
                                                     InvalidOperationException(msg)))
        target = self.path if self.path is not None else self.literal_path
        self._full = provider_path(self, target, "Path" if self.path is not None else "LiteralPath")
        self._names = None
        self._skip_header = False
        self._checked_append = False
        self._csv = self._writer()
        self._active = self.should_process("export", self._full)
        if not self._active:
            return
        if self.append and os.path.exists(self._full) and os.path.getsize(self._full) > 0:
            text = read_text_file(self, self._full, self.encoding) or ""
            header = _read_header(text, _delimiter(self))
            if header:
                self._names = header
                self._skip_header = True
        if self.force and os.path.exists(self._full) and not os.access(self._full, os.W_OK):
            try:
                mode = os.stat(self._full).st_mode
                os.chmod(self._full, mode | 0o200)
                self._restore_mode = mode
            except OSError:
                pass
        _check_no_clobber(self, self._full, bool(self.append), bool(self.no_clobber))
        # pwsh opens the file here; pslark opens it at the first write (or at the end) because its pipelines run
        # this begin block before a leading expression such as `(Import-Csv f) | Export-Csv f` has been evaluated
        self._file = None
        self._opened = False

    def _out(self):
        if not self._opened:
            self._opened = True
            self._file = open_text_writer(self, self._full, self.encoding, bool(self.append), False)
        return self._file

    def process_record(self):
        obj = self.input_object
        if is_null(obj) or not self._active:
            return
        if _is_format_packet(obj):
            ConvertToCsv._format_error(self, obj)
            return
        if self._skip_header:
            if not self._checked_append:
                self._checked_append = True
                if not self.force:
                    have = {n.casefold() for n in csv_property_names(obj)}
                    for n in self._names:
                        if n.casefold() not in have:
                            msg = (f"Cannot append CSV content to the following file: {self._full}. The appended "
                                   f"object does not have a property that corresponds to the following column: {n}. "
                                   f"To continue with mismatched properties, add the -Force parameter, and then retry "
                                   f"the command.")
                            self.throw_terminating(self.error_record(msg, "CannotAppendCsvWithMismatchedPropertyNames",
                                                                     "InvalidData", n, InvalidOperationException(msg)))
            self._out().write(self._csv.row(obj, self._names) + "\n")
            return
        for line in self._lines_for(obj):
            self._out().write(line + "\n")

    def end_processing(self):
        if self._active and not getattr(self, "_opened", True):
            self._out()
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._restore_mode is not None:
            try:
                os.chmod(self._full, self._restore_mode)
            except OSError:
                pass
            self._restore_mode = None

    def stop_processing(self):
        self.end_processing()


def _read_header(text: str, delimiter: str) -> Optional[list]:
    parser = CsvParser(delimiter)
    for record in parser.records(text):
        if len(record) == 1 and record[0].startswith("#"):
            continue
        if record == [""]:
            continue
        return record
    return None


class _CsvReader:
    """ImportCsvHelper's character reader over one text (a file, or one ConvertFrom-Csv input string)."""

    def __init__(self, text: str, delimiter: str):
        self.s = text
        self.i = 0
        self.n = len(text)
        self.d = delimiter

    @property
    def eof(self) -> bool:
        return self.i >= self.n

    def read(self) -> str:
        ch = self.s[self.i]
        self.i += 1
        return ch

    def peek(self, c: str) -> bool:
        return self.i < self.n and self.s[self.i] == c

    def read_line(self) -> str:
        j = self.i
        while j < self.n and self.s[j] not in "\r\n":
            j += 1
        line = self.s[self.i:j]
        if j < self.n and self.s[j] == "\r" and j + 1 < self.n and self.s[j + 1] == "\n":
            j += 1
        self.i = min(self.n, j + 1)
        return line

    def _newline(self, ch: str) -> Optional[str]:
        if ch == "\r":
            if self.peek("\n"):
                self.read()
                return "\r\n"
            return "\r"
        if ch == "\n":
            return "\n"
        return None

    def _till_next_delimiter(self, current: list, eat_trailing_blanks: bool) -> bool:
        temp: list = []
        non_white = False
        end_of_record = False
        while True:
            if self.eof:
                end_of_record = True
                break
            ch = self.read()
            if ch == self.d:
                break
            if self._newline(ch) is not None:
                end_of_record = True
                break
            temp.append(ch)
            if ch not in " \t":
                non_white = True
        if eat_trailing_blanks and not non_white:
            current.append("".join(temp).strip())
        else:
            current.extend(temp)
        return end_of_record

    def next_record(self) -> list:
        """ParseNextRecord: [] at the end of the text."""
        result: list = []
        current: list = []
        quoted = False
        while not self.eof:
            ch = self.read()
            if ch == self.d:
                if quoted:
                    current.append(ch)
                else:
                    result.append("".join(current))
                    current = []
            elif ch == '"':
                if quoted:
                    if self.peek('"'):
                        self.read()
                        current.append('"')
                    else:
                        quoted = False
                        end = self._till_next_delimiter(current, True)
                        result.append("".join(current))
                        current = []
                        if end:
                            break
                elif not current:
                    quoted = True
                else:
                    current.append(ch)
                    end = self._till_next_delimiter(current, False)
                    result.append("".join(current))
                    current = []
                    if end:
                        break
            elif ch in " \t":
                if quoted:
                    current.append(ch)
                elif not current:
                    continue
                else:
                    current.append(ch)
                    end = self._till_next_delimiter(current, True)
                    result.append("".join(current))
                    current = []
                    if end:
                        break
            else:
                nl = self._newline(ch)
                if nl is not None:
                    if quoted:
                        current.append(nl)
                    else:
                        result.append("".join(current))
                        current = []
                        break
                else:
                    current.append(ch)
        if current:
            result.append("".join(current))
        return result


class CsvParser:
    """Records of a CSV text (used to read an existing file's header for Export-Csv -Append)."""

    def __init__(self, delimiter: str = ","):
        self.delimiter = delimiter

    def records(self, text: str):
        reader = _CsvReader(text, self.delimiter)
        while True:
            rec = reader.next_record()
            if not rec:
                return
            yield rec


class CsvImporter:
    """ImportCsvHelper: #Type line, header (or #Fields:), then one PSCustomObject per record."""

    def __init__(self, cmd: Cmdlet, delimiter: str, header: Optional[list]):
        self.cmd = cmd
        self.delimiter = delimiter
        self.header = [to_str(h) for h in header] if header is not None else None
        self.type_name: Optional[str] = None
        self.warned = False
        self.validated = False

    def _validate(self) -> None:
        seen = set()
        for h in self.header:
            if not h:
                continue
            if h.casefold() in seen:
                msg = f'The member "{h}" is already present.'
                self.cmd.throw_terminating(self.cmd.error_record(msg, "RuntimeException", "NotSpecified", None,
                                                                 RuntimeException(msg)))
            seen.add(h.casefold())

    def feed(self, text: str):
        reader = _CsvReader(text, self.delimiter)
        if self.type_name is None and reader.peek("#"):
            line = reader.read_line()
            if line[:5].casefold() == "#type":
                self.type_name = line[5:].strip() or None
        while self.header is None and not reader.eof:
            values = reader.next_record()
            while len(values) > 1 and values[-1] == "":
                values.pop()
            if values and values[0].startswith("#Fields: "):
                values[0] = values[0][9:]
                self.header = values
            elif values and values[0].startswith("#"):
                continue
            else:
                self.header = values
        if self.header is not None and not self.validated:
            self.validated = True
            if self.header:
                self._validate()
        if self.header is None:
            return
        while True:
            values = reader.next_record()
            if not values:
                break
            if len(values) == 1 and values[0] == "":
                continue
            yield self._object(values)

    def _object(self, values: list) -> PSObject:
        obj = PSObject()
        unnamed = 1
        for i, name in enumerate(self.header):
            if not name:
                name = f"H{unnamed}"
                unnamed += 1
            obj.add_property(name, values[i] if i < len(values) else None)
        if unnamed != 1 and not self.warned:
            self.warned = True
            self.cmd.write_warning('One or more headers were not specified. Default names starting with "H" have '
                                   'been used in place of any missing headers.')
        if self.type_name:
            obj.type_names = [self.type_name, "CSV:" + self.type_name]
        return obj


@cmdlet("ConvertFrom-Csv", default_set="Delimiter")
class ConvertFromCsv(Cmdlet):
    input_object = Parameter("psobject[]", position=0, mandatory=True, pipeline=True)
    delimiter = Parameter("char", position=1, sets=("Delimiter",), validate_not_null=True)
    use_culture = Parameter("switch", mandatory=True, sets=("UseCulture",))
    header = Parameter("string[]", validate_not_null_or_empty=True)

    def begin_processing(self):
        self._importer = CsvImporter(self, _delimiter(self),
                                     _as_list(self.header) if self.header is not None else None)

    def process_record(self):
        for item in _as_list(self.input_object):
            if is_null(item):
                continue
            for obj in self._importer.feed(to_str(item)):
                self.write_object(obj)


@cmdlet("Import-Csv", default_set="Delimiter", aliases=("ipcsv",))
class ImportCsv(Cmdlet):
    delimiter = Parameter("char", position=1, sets=("Delimiter", "DelimiterLiteralPath"), validate_not_null=True)
    # -Path is typed object[] so that piped objects reach pipeline_paths (pwsh binds them by property name first)
    path = Parameter("object[]", position=0, pipeline=True, by_property_name=True, sets=("Delimiter", "UseCulture"))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("DelimiterLiteralPath", "UseCultureLiteralPath"))
    use_culture = Parameter("switch", mandatory=True, sets=("UseCulture", "UseCultureLiteralPath"))
    header = Parameter("string[]", validate_not_null_or_empty=True)
    encoding = Parameter("string")

    def process_record(self):
        if self.literal_path is not None:
            pairs = [(p, True) for p in _as_list(self.literal_path)]
        else:
            pairs = pipeline_paths(self.path)
        if not pairs:
            msg = "Cannot process command because of one or more missing mandatory parameters: Path."
            self.throw_terminating(self.error_record(msg, "MissingMandatoryParameter", "InvalidArgument", None,
                                                     PSArgumentException(msg)))
        for p, literal in pairs:
            self._import(p, literal)

    def _import(self, path: Any, literal: bool) -> None:
        for full in resolve_input_paths(self, [path], literal):
            text = read_text_file(self, full, self.encoding)
            if text is None:
                continue
            importer = CsvImporter(self, _delimiter(self), _as_list(self.header) if self.header is not None else None)
            for obj in importer.feed(text):
                self.write_object(obj)


# ------------------------------------------------------------------------------------------------
# CLIXML

@cmdlet("Export-Clixml", default_set="ByPath", should_process=True)
class ExportClixml(Cmdlet):
    operations = {"export": Operation(None)}
    depth = Parameter("int", default=2, validate_range=(1, 2147483647))
    path = Parameter("string", position=0, mandatory=True, sets=("ByPath",))
    literal_path = Parameter("string", mandatory=True, sets=("ByLiteralPath",), aliases=("PSPath", "LP"))
    input_object = Parameter("psobject", mandatory=True, pipeline=True, allow_null=True)
    force = Parameter("switch")
    no_clobber = Parameter("switch", aliases=("NoOverwrite",))
    encoding = Parameter("string")

    def begin_processing(self):
        self._items: list = []
        self._full = provider_path(self, self.path if self.parameter_set == "ByPath" else self.literal_path)
        self._active = self.should_process("export", self._full)
        self._fh = None
        if self._active:
            # ExportClixmlCommand.BeginProcessing creates the file; pslark checks -NoClobber here and writes the
            # file at the end (a leading `(Import-Clixml f) | Export-Clixml f` is evaluated after this block)
            _check_no_clobber(self, self._full, False, bool(self.no_clobber))

    def process_record(self):
        if self.input_object is AUTOMATION_NULL or not self._active:
            return
        self._items.append(self.input_object)

    def end_processing(self):
        from pslark.runtime.clixml import serialize
        if not self._active:
            return
        self._fh = open_text_writer(self, self._full, self.encoding, False, False)
        self._fh.write(serialize(self._items, self.depth or 2))
        self._fh.close()
        self._fh = None


@cmdlet("Import-Clixml", default_set="ByPath")
class ImportClixml(Cmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("ByPath",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, sets=("ByLiteralPath",),
                             aliases=("PSPath", "LP"))
    include_total_count = Parameter("switch")
    skip = Parameter("int", default=0)
    first = Parameter("int")

    def process_record(self):
        from pslark.runtime.clixml import ClixmlError, deserialize
        literal = self.parameter_set == "ByLiteralPath"
        for full in resolve_input_paths(self, _as_list(self.literal_path if literal else self.path), literal):
            text = read_text_file(self, full)
            if text is None:
                continue
            try:
                values = deserialize(text)
            except ClixmlError as exc:
                self.write_error(self.error_record(str(exc), "System.Xml.XmlException", "NotSpecified", None,
                                                   RuntimeException(str(exc))))
                continue
            except Exception as exc:   # a structurally broken document
                msg = f"The CLIXML document '{full}' is not valid: {exc}"
                self.write_error(self.error_record(msg, "System.Xml.XmlException", "NotSpecified", None,
                                                   RuntimeException(msg)))
                continue
            total = len(values)
            if self.include_total_count:
                self.write_object(_total_count(total))
            start = max(0, self.skip or 0)
            values = values[start:]
            if self.first is not None:
                values = values[:max(0, self.first)]
            for v in values:
                self.write_object(v)


@cmdlet("ConvertTo-CliXml")
class ConvertToCliXml(Cmdlet):
    """pwsh 7.5: PSSerializer.Serialize(inputs, Depth, enumerate: true) as one string."""
    input_object = Parameter("psobject", position=0, mandatory=True, pipeline=True, allow_null=True)
    depth = Parameter("int", default=2, validate_range=(1, 2147483647))

    def begin_processing(self):
        self._items: list = []

    def process_record(self):
        if self.input_object is AUTOMATION_NULL:
            return
        self._items.append(self.input_object)

    def end_processing(self):
        from pslark.runtime.clixml import serialize
        self.write_object(serialize(self._items, self.depth or 2))


@cmdlet("ConvertFrom-CliXml")
class ConvertFromCliXml(Cmdlet):
    """pwsh 7.5: PSSerializer.Deserialize(text): one object, or the array of several (written as one object)."""
    input_object = Parameter("string", position=0, mandatory=True, pipeline=True)

    def process_record(self):
        from pslark.runtime.clixml import ClixmlError, deserialize
        text = self.input_object
        if is_null(text):
            return
        try:
            values = deserialize(to_str(text))
        except Exception as exc:   # ClixmlError or a structurally broken document: XmlException as pwsh
            msg = str(exc) if isinstance(exc, ClixmlError) else f"The CLIXML text is not valid: {exc}"
            self.throw_terminating(self.error_record(msg, "System.Xml.XmlException", "NotSpecified", None,
                                                     RuntimeException(msg)))
            return
        if len(values) == 1:
            self.write_object(values[0])
        elif values:
            self.write_object(list(values))


def _total_count(n: int) -> Any:
    from pslark.runtime.numbers import UInt64
    obj = PSObject(type_names=["System.UInt64", "System.ValueType", "System.Object"], base=UInt64(n))
    return obj

