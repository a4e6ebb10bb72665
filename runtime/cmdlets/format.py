"""Format-Table, Format-List, Format-Wide and Format-Custom: objects in, format instructions out.

The layout itself belongs to runtime/formatting (FormatCommand); these cmdlets check the parameters as pwsh
does (calculated-property keys, -View names, -Expand values) and stream the format packets downstream, where
Out-Default / Out-String / Out-File render them.
"""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.objects import HashKey, _as_list, _dictionary_items, _match_key, _details_record, \
    base_of, is_null, is_script_block, to_str
from pslark.runtime.errors import IOException, PSArgumentException


class InvalidDataException(IOException):
    """System.IO.InvalidDataException (what the Format-* parameter checks throw)."""

    dotnet_type = "System.IO.InvalidDataException"

    def __init__(self, message: str = "Found invalid data while decoding."):
        super().__init__(message)
from pslark.runtime.objects import AUTOMATION_NULL

_NAME = HashKey("name", secondary="label")
_EXPR = HashKey("expression", mandatory=True)
_FORMAT = HashKey("formatstring")
_WIDTH = HashKey("width")
_ALIGN = HashKey("alignment")
_DEPTH = HashKey("depth")

TABLE_KEYS = (_NAME, _EXPR, _FORMAT, _WIDTH, _ALIGN)
LIST_KEYS = (_NAME, _EXPR, _FORMAT)
WIDE_KEYS = (_EXPR, _FORMAT)
CUSTOM_KEYS = (_EXPR, _DEPTH)
GROUP_BY_KEYS = (_NAME, _EXPR, _FORMAT)


def validate_properties(cmd: Cmdlet, values: list, keys: tuple) -> list:
    """ParameterProcessor checks for -Property / -GroupBy entries; returns them ready for the formatter."""
    out = []
    for raw in values:
        if is_null(raw):
            cmd.throw_terminating(_details_record(
                cmd, "The value of a parameter was null; one of the following types was expected: "
                     "{System.String, System.Management.Automation.ScriptBlock, System.Collections.Hashtable}.",
                "NullParameterTypeError"))
        items = _dictionary_items(raw)
        if items is None:
            b = base_of(raw)
            if not isinstance(b, str) and not is_script_block(b):
                b = to_str(b)
            out.append(b)
            continue
        seen: dict = {}
        clean: dict = {}
        for k, v in items:
            if not isinstance(k, str):
                cmd.throw_terminating(_details_record(
                    cmd, f"The {to_str(k)} key type is not valid. The key must be a string.", "DictionaryKeyNonString"))
            key = _match_key(cmd, k, keys)
            if key.name in seen:
                cmd.throw_terminating(_details_record(
                    cmd, f'The duplicated key "{k}" conflicts with "{seen[key.name]}".', "DictionaryKeyDuplicate"))
            seen[key.name] = k
            if key.name == "width":
                _check_width(cmd, k, v)
            elif key.name == "alignment":
                _check_alignment(cmd, k, v)
            elif key.name == "formatstring" and (is_null(v) or to_str(v) == ""):
                cmd.throw_terminating(_details_record(
                    cmd, f'Cannot have an empty formatting string for key "{k}".', "FormatStringEmpty"))
            clean[key.name] = base_of(v)
        for key in keys:
            if key.mandatory and key.name not in clean:
                cmd.throw_terminating(_details_record(
                    cmd, f"A mandatory entry for {key.name} is missing.", "DictionaryKeyMandatoryEntry"))
        expr = clean.get("expression")
        if not isinstance(expr, str) and not is_script_block(expr):
            clean["expression"] = to_str(expr)
        out.append(clean)
    return out


def _check_width(cmd: Cmdlet, key: str, value: Any) -> None:
    from pslark.runtime.conversion import to_int
    try:
        width = to_int(base_of(value))
    except Exception:   # conversion errors are reported below as a bad width
        width = 0
    if width <= 0:
        cmd.throw_terminating(_details_record(
            cmd, f'The value "{to_str(value)}" for key "{key}" should be greater than 0.', "FormatTableWidthOutOfRange"))


def _check_alignment(cmd: Cmdlet, key: str, value: Any) -> None:
    text = to_str(value).casefold()
    if not text or not any(a.startswith(text) for a in ("left", "center", "right")):
        cmd.throw_terminating(_details_record(
            cmd, f'The value "{to_str(value)}" for key "{key}" is not valid; valid values are Left, Center, Right.',
            "AlignmentIllegalValue"))


class _FormatCmdlet(Cmdlet):
    """What Format-Table / -List / -Wide / -Custom share."""

    shape = ""
    property_keys: tuple = ()
    input_object = Parameter("psobject", pipeline=True)
    group_by = Parameter("object")
    view = Parameter("string")
    show_error = Parameter("switch")
    display_error = Parameter("switch")
    force = Parameter("switch")
    expand = Parameter("string", validate_set=("CoreOnly", "EnumOnly", "Both"))

    def options(self) -> dict:
        return {}

    def _format_error(self, message: str, error_id: str) -> None:
        rec = self.error_record(message, error_id, "InvalidArgument", None, InvalidDataException())
        rec.error_details_message = message
        self.throw_terminating(rec)

    def begin_processing(self):
        from pslark.runtime.formatting import FormatCommand
        props = getattr(self, "property", None)
        if props is not None and self.view is not None:
            self._format_error("Cmdlet parameters View and Property are mutually exclusive.",
                               "FormatCannotSpecifyViewAndProperty")
        properties = validate_properties(self, _as_list(props), self.property_keys) if props is not None else None
        group_by = None
        if self.group_by is not None:
            group_by = validate_properties(self, [self.group_by], GROUP_BY_KEYS)[0]
        limit = self.ctx.preference("FormatEnumerationLimit", 4)
        try:
            limit = int(base_of(limit))
        except (TypeError, ValueError):
            limit = 4
        self._command = FormatCommand(
            self.shape, properties=properties or None, group_by=group_by, view=self.view,
            force=bool(self.force), expand=self.expand, enumeration_limit=limit,
            ansi=bool(getattr(self.ctx.host, "ansi", False)), **self.options())

    def process_record(self):
        obj = self.input_object
        if obj is AUTOMATION_NULL:
            return
        self._emit(lambda: self._command.process(obj))

    def end_processing(self):
        self._emit(self._command.end)

    def _emit(self, produce) -> None:
        from pslark.runtime.formatting import FormatViewNotFound
        try:
            packets = produce()
        except FormatViewNotFound as exc:
            # FormatViewManager: a PipelineStoppedException (ObjectNotFound) whose ErrorDetails carry the text
            from pslark.runtime.errors import PipelineStoppedException
            rec = self.error_record(exc.message, "FormatViewNotFound", "ObjectNotFound", self.view,
                                    PipelineStoppedException("The pipeline has been stopped."))
            rec.error_details_message = exc.message
            self.throw_terminating(rec)
            return
        for p in packets:
            self.write_object(p)


@cmdlet("Format-Table", aliases=("ft",))
class FormatTable(_FormatCmdlet):
    shape = "table"
    property_keys = TABLE_KEYS
    property = Parameter("object[]", position=0)
    auto_size = Parameter("switch")
    repeat_header = Parameter("switch")
    hide_table_headers = Parameter("switch")
    wrap = Parameter("switch")

    exclude_property = Parameter("string[]")

    def options(self) -> dict:
        return {
            "autosize": True if self.auto_size else None,
            "wrap": True if self.wrap else None,
            "hide_table_headers": True if self.hide_table_headers else None,
            "repeat_header": bool(self.repeat_header),
            "exclude_property": _as_list(self.exclude_property) or None,
        }


@cmdlet("Format-List", aliases=("fl",))
class FormatList(_FormatCmdlet):
    shape = "list"
    property_keys = LIST_KEYS
    property = Parameter("object[]", position=0)
    exclude_property = Parameter("string[]")

    def options(self) -> dict:
        return {"exclude_property": _as_list(self.exclude_property) or None}


@cmdlet("Format-Wide", aliases=("fw",))
class FormatWide(_FormatCmdlet):
    shape = "wide"
    property_keys = WIDE_KEYS
    property = Parameter("object", position=0)
    auto_size = Parameter("switch")
    column = Parameter("int", validate_range=(1, 2147483647))
    exclude_property = Parameter("string[]")

    def begin_processing(self):
        if self.auto_size and self.is_bound("Column"):
            self._format_error("Cmdlet parameters AutoSize and Column are mutually exclusive.",
                               "FormatCannotSpecifyAutosizeAndColumns")
        super().begin_processing()

    def options(self) -> dict:
        return {"autosize": True if self.auto_size else None,
                "column": self.column if self.is_bound("Column") else None,
                "exclude_property": _as_list(self.exclude_property) or None}


@cmdlet("Format-Custom", aliases=("fc",))
class FormatCustom(_FormatCmdlet):
    shape = "custom"
    property_keys = CUSTOM_KEYS
    property = Parameter("object[]", position=0)
    depth = Parameter("int", validate_range=(1, 2147483647))

    def options(self) -> dict:
        return {}
