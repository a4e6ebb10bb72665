"""The format step (pwsh's InnerFormatShapeCommand): objects in, format instructions out.

The first object that is not out of band opens a document and fixes the view: a registered view for its type,
else the 4-property rule (table for at most 4 properties, list otherwise). Scalars, objects with no properties
and out-of-band views (ErrorRecord, WarningRecord...) never join a document. While a document is open, later
objects either join it (any object, for a view built from properties; objects of the view's types, for a
registered view) or are written out of band, as a list when they have properties.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from pslark.runtime.objects import AUTOMATION_NULL, Hashtable
from pslark.runtime.formatting import packets as P
from pslark.runtime.formatting import values as V
from pslark.runtime.formatting.views import (CustomView, ListView, RenderContext, TableView, WideView, column_width,
                                             eval_prop, out_of_band_view, view_applies, view_for)

PROPERTY_COUNT_FOR_TABLE = 4
MAX_TABLE_COLUMNS_FROM_PROPERTIES = 10


class FormatViewNotFound(Exception):
    """Format-* -View with a name that has no view of that shape for the object (FormatViewNotFound)."""

    error_id = "FormatViewNotFound"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ----------------------------------------------------------------------------------------------
# Parameters of Format-Table / Format-List / Format-Wide

_KEYS = {
    "name": "label", "n": "label", "label": "label", "l": "label",
    "expression": "expression", "e": "expression",
    "width": "width", "w": "width",
    "alignment": "alignment", "a": "alignment",
    "formatstring": "format", "fs": "format", "f": "format",
    "depth": "depth", "d": "depth",
}


class PropertySpec:
    """A -Property entry: a name or wildcard, or a calculated property (label, expression, width...)."""

    __slots__ = ("expression", "label", "width", "alignment", "format", "calculated")

    def __init__(self, expression: Any, label: Optional[str] = None, width: Optional[int] = None,
                 alignment: Optional[str] = None, format: Optional[str] = None, calculated: bool = False):
        self.expression = expression      # str (name/wildcard), callable(obj), or a ScriptBlock
        self.label = label
        self.width = width
        self.alignment = alignment
        self.format = format
        self.calculated = calculated


def _items_of(d) -> list:
    if isinstance(d, Hashtable):
        return d.items()
    if isinstance(d, dict):
        return list(d.items())
    return []


def _key(k: str) -> Optional[str]:
    kf = str(k).casefold()
    if kf in _KEYS:
        return _KEYS[kf]
    for full in ("name", "label", "expression", "width", "alignment", "formatstring"):
        if full.startswith(kf) and len(kf) >= 1:
            return _KEYS[full]
    return None


def property_spec(p: Any) -> PropertySpec:
    """Turn a -Property argument (str, callable, ScriptBlock or calculated-property dict) into a PropertySpec."""
    if isinstance(p, PropertySpec):
        return p
    if isinstance(p, (dict, Hashtable)):
        spec = PropertySpec(expression=None, calculated=True)
        for k, v in _items_of(p):
            key = _key(k)
            if key == "label":
                spec.label = None if v is None else str(v)
            elif key == "expression":
                spec.expression = v
            elif key == "width":
                try:
                    spec.width = int(v)
                except (TypeError, ValueError):
                    pass
            elif key == "alignment":
                a = str(v).casefold()
                spec.alignment = "left" if a.startswith("l") else "right" if a.startswith("r") else \
                    "center" if a.startswith("c") else None
            elif key == "format":
                spec.format = None if v is None else str(v)
        if spec.label is None and isinstance(spec.expression, str):
            spec.label = spec.expression
        return spec
    if isinstance(p, str):
        return PropertySpec(expression=p)
    return PropertySpec(expression=p, calculated=True)


def _call_expression(expr: Any, obj: Any) -> Any:
    invoke_with = getattr(expr, "invoke_with", None)
    if invoke_with is not None:
        result = invoke_with(args=[], input_items=None, dollar_under=obj, this=obj)
        if isinstance(result, list):
            if len(result) == 0:
                return None
            if len(result) == 1:
                return result[0]
        return result
    return expr(obj)


def _expression_text(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    text = getattr(expr, "text", None)
    if isinstance(text, str):
        return text
    return getattr(expr, "__name__", str(expr))


class FormatParams:
    """Options of Format-Table/-List/-Wide (None = not given)."""

    __slots__ = ("properties", "exclude_property", "autosize", "wrap", "hide_table_headers", "repeat_header",
                 "group_by", "view", "column", "force", "expand")

    def __init__(self, properties: Optional[list] = None, exclude_property: Optional[list] = None,
                 autosize: Optional[bool] = None, wrap: Optional[bool] = None,
                 hide_table_headers: Optional[bool] = None, repeat_header: bool = False, group_by: Any = None,
                 view: Optional[str] = None, column: Optional[int] = None, force: bool = False,
                 expand: Optional[str] = None):
        self.properties = properties
        self.exclude_property = exclude_property
        self.autosize = autosize
        self.wrap = wrap
        self.hide_table_headers = hide_table_headers
        self.repeat_header = repeat_header
        self.group_by = group_by
        self.view = view
        self.column = column
        self.force = force
        self.expand = expand          # 'CoreOnly' | 'EnumOnly' | 'Both'


class Assoc:
    """A resolved column/field: label, how to get the value, and the calculated-property extras."""

    __slots__ = ("label", "name", "expr", "width", "alignment", "format", "from_parameter")

    def __init__(self, label: str, name: Optional[str] = None, expr: Any = None, width: Optional[int] = None,
                 alignment: Optional[str] = None, format: Optional[str] = None, from_parameter: bool = False):
        self.label = label
        self.name = name              # property name, when it is a plain property
        self.expr = expr              # callable / ScriptBlock, when calculated
        self.width = width
        self.alignment = alignment
        self.format = format
        self.from_parameter = from_parameter

    def value(self, obj: Any) -> tuple[bool, Any]:
        if self.expr is not None:
            try:
                return True, _call_expression(self.expr, obj)
            except Exception:
                return False, None
        if self.name is not None:
            return V.get_prop(obj, self.name)
        return False, None


def _exclude(assocs: list[Assoc], patterns: Optional[list]) -> list[Assoc]:
    if not patterns:
        return assocs
    import fnmatch
    pats = [str(p).casefold() for p in patterns]
    return [a for a in assocs if not any(fnmatch.fnmatchcase((a.name or a.label).casefold(), p) for p in pats)]


def expand_parameters(specs: list, obj: Any, keep_unresolved: bool) -> list[Assoc]:
    """AssociationManager.ExpandParameters / ExpandTableParameters."""
    out: list[Assoc] = []
    seen = set()
    for raw in specs or []:
        spec = property_spec(raw)
        expr = spec.expression
        if isinstance(expr, str):
            names = V.resolve_names(obj, expr)
            if not names:
                if keep_unresolved and not any(ch in expr for ch in "*?["):
                    names = [expr]
                else:
                    continue
            for n in names:
                if spec.calculated:
                    out.append(Assoc(label=spec.label or n, name=n, width=spec.width, alignment=spec.alignment,
                                     format=spec.format, from_parameter=True))
                else:
                    if n.casefold() in seen:
                        continue
                    seen.add(n.casefold())
                    out.append(Assoc(label=n, name=n, from_parameter=True))
        elif expr is not None:
            out.append(Assoc(label=spec.label or _expression_text(expr), expr=expr, width=spec.width,
                             alignment=spec.alignment, format=spec.format, from_parameter=True))
    return out


def _handle_computer_name(obj: Any, assocs: list[Assoc]) -> list[Assoc]:
    """Hide PSShowComputerName always, and PSComputerName when PSShowComputerName is false."""
    hidden = getattr(obj, "hidden", None)
    if isinstance(hidden, (set, frozenset)) and hidden:
        assocs = [a for a in assocs if (a.name or "").casefold() not in hidden]
    has_show, _ = V.get_prop(obj, "PSShowComputerName")
    if not has_show:
        return assocs
    show = V.should_show_computer_name(obj)
    out = []
    for a in assocs:
        n = (a.name or "").casefold()
        if n == "psshowcomputername":
            continue
        if n == "pscomputername" and not show:
            continue
        out.append(a)
    return out


def default_associations(obj: Any) -> list[Assoc]:
    """The properties shown when none are given: DefaultDisplayPropertySet (+ PSComputerName), else all."""
    if V.has_default_display_set(obj):
        names = V.display_property_names(obj)
        out = [Assoc(label=n, name=n) for n in names]
        if V.should_show_computer_name(obj):
            out.append(Assoc(label="PSComputerName", name="PSComputerName"))
        return out
    names = V.display_property_names(obj)
    return _handle_computer_name(obj, [Assoc(label=n, name=n) for n in names])


def _all_associations(obj: Any) -> list[Assoc]:
    return _handle_computer_name(obj, [Assoc(label=n, name=n) for n in V.property_names(obj)])


def _default_alignment(obj: Any, a: Assoc) -> Optional[str]:
    """ComputeDefaultAlignment: scalars (numbers, bool...) right, strings and everything else left."""
    found, val = a.value(obj)
    if not found or val is None:
        return "left"
    tn = V.type_names(val)
    if tn and tn[0].casefold() == "system.string":
        return "left"
    if V.is_scalar(val, tn):
        return "right"
    return "left"


# ----------------------------------------------------------------------------------------------
# Grouping

class _Grouping:
    def __init__(self, prop: Any, label: Optional[str], render: Optional[Callable] = None, by_param: bool = False):
        self.prop = prop
        self.label = label
        self.render = render
        self.by_param = by_param
        self.current: Any = AUTOMATION_NULL

    def key(self, obj: Any, ctx) -> Any:
        p = self.prop
        if isinstance(p, Assoc):
            return p.value(obj)[1]
        return eval_prop(p, obj, ctx)[1]

    def update(self, obj: Any, ctx) -> bool:
        new = self.key(obj, ctx)
        if self.current is AUTOMATION_NULL:
            self.current = new
            return True
        if _group_equal(self.current, new, ctx):
            return False
        self.current = new
        return True

    def display_name(self) -> str:
        if self.label:
            return self.label
        p = self.prop
        if isinstance(p, Assoc):
            return p.label
        if isinstance(p, str):
            return p
        return ""


def _group_equal(a: Any, b: Any, ctx) -> bool:
    if a is None and b is None:
        return True
    try:
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            return a == b
    except Exception:
        pass
    return V.to_text(a, ctx.culture).casefold() == V.to_text(b, ctx.culture).casefold()


# ----------------------------------------------------------------------------------------------
# View generators

class _Gen:
    shape = "table"
    view = None

    def __init__(self, ctx: RenderContext, params: Optional[FormatParams]):
        self.ctx = ctx
        self.params = params
        self.grouping: Optional[_Grouping] = None
        self.autosize = False
        if params is not None and params.autosize is not None:
            self.autosize = bool(params.autosize)
        if params is not None and params.group_by is not None:
            spec = property_spec(params.group_by)
            if isinstance(spec.expression, str):
                a = Assoc(label=spec.label or spec.expression, name=spec.expression)
            else:
                a = Assoc(label=spec.label or _expression_text(spec.expression), expr=spec.expression)
            self.grouping = _Grouping(a, spec.label, by_param=True)

    def _init_view_grouping(self, view) -> None:
        if self.grouping is None and getattr(view, "group_by", None) is not None:
            gb = view.group_by
            self.grouping = _Grouping(gb.prop, gb.label, gb.render)

    def applicable(self, type_names: list) -> bool:
        if self.view is None:
            return True
        return view_applies(self.view, type_names)

    def group_start(self, obj: Any) -> P.GroupStart:
        g = self.grouping
        if g is None:
            return P.GroupStart()
        value = g.current
        if value is AUTOMATION_NULL:
            return P.GroupStart()
        if g.render is not None:
            try:
                return P.GroupStart(label=str(g.render(value, obj, self.ctx)))
            except Exception:
                return P.GroupStart(label="")
        text = V.smart_to_string(value, self.ctx.culture, self.ctx.enumeration_limit)
        return P.GroupStart(label=f"   {g.display_name()}: {text}")

    def field_text(self, val: Any, fmt: Optional[str], is_table: bool) -> str:
        return V.format_field(val, fmt, self.ctx.culture, self.ctx.enumeration_limit, is_table)


class TableGen(_Gen):
    shape = "table"

    def __init__(self, ctx, params, first: Any, view: Optional[TableView]):
        super().__init__(ctx, params)
        self.view = view
        self.multiline = bool(view.wrap) if view is not None else False
        if params is not None and params.wrap is not None:
            self.multiline = bool(params.wrap)
        self.hide_header = bool(view.hide_header) if view is not None else False
        if params is not None and params.hide_table_headers is not None:
            self.hide_header = bool(params.hide_table_headers)
        self.columns: list = []
        self.assocs: list[Assoc] = []
        if view is not None:
            self._init_view_grouping(view)
            if params is None or params.autosize is None:
                self.autosize = bool(view.autosize)
            self.columns = list(view.columns)
            self.extra_computer_name = V.should_show_computer_name(first) and bool(self.columns)
        else:
            self.extra_computer_name = False
            if params is not None and params.properties:
                self.assocs = expand_parameters(params.properties, first, keep_unresolved=True)
            else:
                if V.has_default_display_set(first):
                    self.assocs = default_associations(first)
                else:
                    self.assocs = _all_associations(first)[:MAX_TABLE_COLUMNS_FROM_PROPERTIES]
            self.assocs = _exclude(self.assocs, params.exclude_property if params else None)
            self.aligns = [a.alignment if a.alignment else _default_alignment(first, a) for a in self.assocs]

    def start(self, first: Any) -> P.FormatStart:
        cols: list[P.ColumnInfo] = []
        if self.view is not None:
            for c in self.columns:
                label = c.label if c.label is not None else (c.prop if isinstance(c.prop, str) else "")
                matches = True
                if c.label:
                    matches = V.get_prop(first, c.label)[0]
                cols.append(P.ColumnInfo(label=label, width=column_width(c, self.ctx), align=c.align or "left",
                                         header_matches_property=matches))
            if self.extra_computer_name:
                cols.append(P.ColumnInfo(label="PSComputerName", width=0, align="left"))
        else:
            for a, al in zip(self.assocs, self.aligns):
                cols.append(P.ColumnInfo(label=a.label, width=a.width or 0, align=al))
        return P.FormatStart(shape="table", columns=cols, hide_header=self.hide_header,
                             repeat_header=bool(self.params.repeat_header) if self.params else False,
                             autosize=self.autosize)

    def payload(self, obj: Any) -> P.TableRow:
        values = []
        if self.view is not None:
            for c in self.columns:
                found, val = eval_prop(c.prop, obj, self.ctx)
                values.append(self.field_text(val, c.format, False) if found else "")
            if self.extra_computer_name:
                values.append(self.field_text(V.prop_value(obj, "PSComputerName"), None, False))
        else:
            for a in self.assocs:
                found, val = a.value(obj)
                values.append(self.field_text(val, a.format, a.format is None) if found else "")
        return P.TableRow(values=values, aligns=[None] * len(values), multiline=self.multiline)


class ListGen(_Gen):
    shape = "list"

    def __init__(self, ctx, params, first: Any, view: Optional[ListView]):
        super().__init__(ctx, params)
        self.view = view
        if view is not None:
            self._init_view_grouping(view)
        self.extra_computer_name = view is not None and V.should_show_computer_name(first)

    def start(self, first: Any) -> P.FormatStart:
        return P.FormatStart(shape="list", autosize=self.autosize)

    def _items_for(self, obj: Any):
        v = self.view
        tn = V.type_names(obj)
        for types, items in v.by_type:
            if V.names_match(tn, types):
                return items
        return v.items

    def payload(self, obj: Any) -> P.ListFields:
        return P.ListFields(fields=self.fields(obj))

    def fields(self, obj: Any) -> list[tuple[str, str]]:
        out = []
        if self.view is not None:
            for item in self._items_for(obj):
                found, val = eval_prop(item.prop, obj, self.ctx)
                label = item.label if item.label is not None else (item.prop if isinstance(item.prop, str) else "")
                out.append((label, self.field_text(val, item.format, False) if found else ""))
            if self.extra_computer_name:
                out.append(("PSComputerName", self.field_text(V.prop_value(obj, "PSComputerName"), None, False)))
            return out
        if self.params is not None and self.params.properties:
            assocs = expand_parameters(self.params.properties, obj, keep_unresolved=False)
        else:
            assocs = default_associations(obj)
        assocs = _exclude(assocs, self.params.exclude_property if self.params else None)
        for a in assocs:
            found, val = a.value(obj)
            out.append((a.label, self.field_text(val, a.format, False) if found else ""))
        return out


class WideGen(_Gen):
    shape = "wide"

    def __init__(self, ctx, params, first: Any, view: Optional[WideView]):
        super().__init__(ctx, params)
        self.view = view
        if view is not None:
            self._init_view_grouping(view)

    def start(self, first: Any) -> P.FormatStart:
        cols = 0
        if not self.autosize:
            if self.params is not None and self.params.column:
                cols = int(self.params.column)
            elif self.view is not None:
                cols = self.view.columns
        return P.FormatStart(shape="wide", autosize=self.autosize, wide_columns=cols)

    def payload(self, obj: Any) -> P.WideItem:
        if self.view is not None:
            prop, fmt = self.view.prop, self.view.format
            tn = V.type_names(obj)
            for types, p, f in self.view.by_type:
                if V.names_match(tn, types):
                    prop, fmt = p, f
                    break
            found, val = eval_prop(prop, obj, self.ctx)
            return P.WideItem(text=self.field_text(val, fmt, False) if found else "")
        assoc = self._active(obj)
        if assoc is None:
            return P.WideItem(text="")
        found, val = assoc.value(obj)
        return P.WideItem(text=self.field_text(val, assoc.format, False) if found else "")

    def _active(self, obj: Any) -> Optional[Assoc]:
        if self.params is not None and self.params.properties:
            assocs = expand_parameters(self.params.properties, obj, keep_unresolved=False)
        else:
            assocs = []
            name = V.display_name_property(obj)
            if name is not None:
                assocs = [Assoc(label=name, name=name)]
            elif V.has_default_display_set(obj):
                assocs = [Assoc(label=n, name=n) for n in V.display_property_names(obj)]
            else:
                assocs = [Assoc(label=n, name=n) for n in V.property_names(obj)]
        assocs = _exclude(assocs, self.params.exclude_property if self.params else None)
        return assocs[0] if assocs else None


class CustomGen(_Gen):
    shape = "custom"

    def __init__(self, ctx, params, first: Any, view: Optional[CustomView]):
        super().__init__(ctx, params)
        self.view = view

    def start(self, first: Any) -> P.FormatStart:
        return P.FormatStart(shape="custom")

    def payload(self, obj: Any) -> P.CustomText:
        if self.view is None:
            return P.CustomText(text=V.to_text(obj, self.ctx.culture))
        try:
            return P.CustomText(text=str(self.view.render(obj, self.ctx)))
        except Exception:
            return P.CustomText(text=V.to_text(obj, self.ctx.culture))


_GEN_FOR = {"table": TableGen, "list": ListGen, "wide": WideGen, "custom": CustomGen}


def _gen_from_view(view, ctx, params, first):
    return _GEN_FOR[view.shape](ctx, params, first, view)


# ----------------------------------------------------------------------------------------------
# Out-of-band data

def _render_custom(view: CustomView, obj: Any, ctx) -> str:
    try:
        return str(view.render(obj, ctx))
    except Exception:
        return V.to_text(obj, ctx.culture)


def out_of_band_data(obj: Any, ctx: RenderContext, to_string_fallback: bool,
                     type_names: Optional[list] = None) -> Optional[P.Entry]:
    """OutOfBandFormatViewManager.GenerateOutOfBandData."""
    tn = type_names if type_names is not None else V.type_names(obj)
    view = out_of_band_view(tn)
    if view is not None:
        stream = "error" if _is_error_record(tn) else "output"
        return P.CustomText(text=_render_custom(view, obj, ctx), out_of_band=True, stream=stream)
    if V.is_scalar(obj, tn) or not V.has_non_remoting_properties(obj):
        return P.RawText(text=V.to_text(obj, ctx.culture), out_of_band=True)
    if not to_string_fallback:
        return None
    if not V.property_names(obj):
        return None
    gen = ListGen(ctx, None, obj, None)
    return P.ListFields(fields=gen.fields(obj), out_of_band=True)


def _is_error_record(tn: list) -> bool:
    return any(V.mask_deserialized(t) == "System.Management.Automation.ErrorRecord" for t in tn)


# ----------------------------------------------------------------------------------------------
# The formatter

class Formatter:
    """Objects to format instructions, for one Out-Default / Format-* invocation.

    `shape` None is Out-Default's choice; 'table' / 'list' / 'wide' / 'custom' are Format-Table / -List / -Wide /
    -Custom. `process(obj)` returns the packets for one pipeline object, `end()` the closing packets.
    """

    def __init__(self, ctx: RenderContext, shape: Optional[str] = None, params: Optional[FormatParams] = None):
        self.ctx = ctx
        self.shape = shape
        self.params = params
        self._state = "none"      # 'none' | 'document' | 'group'
        self._gen: Optional[_Gen] = None

    @property
    def document_open(self) -> bool:
        return self._state != "none"

    def _should_process_out_of_band(self) -> bool:
        if self.shape is None or self.params is None:
            return True
        return not self.params.force

    def process(self, obj: Any) -> list:
        out: list = []
        try:
            self._process(obj, out, depth=0)
        except FormatViewNotFound:
            raise
        except Exception:
            # last resort: never let a broken object escape as a Python exception
            out.append(P.RawText(text=V.to_text(obj, self.ctx.culture), out_of_band=True))
        return out

    def _process(self, obj: Any, out: list, depth: int) -> None:
        if obj is None or obj is AUTOMATION_NULL:
            return
        if isinstance(obj, P.Packet):
            if isinstance(obj, P.FormatStart) and self.shape is None and self._state != "none":
                # pre-formatted output (Format-Table | Out-Default) closes the document Out-Default had open
                out.extend(self.end())
            out.append(obj)
            return
        expand = (self.params.expand if self.params is not None else None) or "EnumOnly"
        if depth < 8 and expand.casefold() != "coreonly" and V.is_format_enumerable(obj):
            for item in V.enumerate_for_format(obj):
                self._process(item, out, depth + 1)
            return
        self._process_object(obj, out)

    def _process_object(self, obj: Any, out: list) -> None:
        tn = V.type_names(obj)
        if self._should_process_out_of_band() and tn:
            entry = out_of_band_data(obj, self.ctx, False, tn)
            if entry is not None:
                out.append(entry)
                return
        if self._state == "none":
            self._gen = self._make_generator(obj, tn)
            out.append(self._gen.start(obj))
            self._state = "document"
        gen = self._gen
        if self._should_process_out_of_band() and not gen.applicable(tn):
            entry = out_of_band_data(obj, self.ctx, True, tn)
            if entry is not None:
                out.append(entry)
                return
        if self._state == "document":
            if gen.grouping is not None:
                gen.grouping.update(obj, self.ctx)
            out.append(gen.group_start(obj))
            self._state = "group"
            out.append(gen.payload(obj))
            return
        if gen.grouping is not None and gen.grouping.update(obj, self.ctx):
            out.append(P.CustomText(text="", out_of_band=True))
            out.append(P.GroupEnd())
            out.append(gen.group_start(obj))
            out.append(gen.payload(obj))
            return
        out.append(gen.payload(obj))

    def _make_generator(self, obj: Any, tn: list) -> _Gen:
        ctx, params, shape = self.ctx, self.params, self.shape
        if shape is None:
            view = view_for(tn)
            if view is not None and not getattr(view, "out_of_band", False):
                return _gen_from_view(view, ctx, params, obj)
            count = len(V.display_property_names(obj))
            shape = "table" if count <= PROPERTY_COUNT_FOR_TABLE else "list"
            return _GEN_FOR[shape](ctx, params, obj, None)
        if params is not None and params.properties:
            return _GEN_FOR[shape](ctx, params, obj, None)
        if params is not None and params.view:
            view = view_for(tn, shape=shape, name=params.view)
            if view is None:
                raise FormatViewNotFound(
                    f'The view name "{params.view}" cannot be found. Specify one of the following views for the '
                    f'{shape.capitalize()} format: {", ".join(_view_names(tn, shape)) or "(none)"}.')
            return _gen_from_view(view, ctx, params, obj)
        view = view_for(tn, shape=shape)
        if view is not None:
            return _gen_from_view(view, ctx, params, obj)
        return _GEN_FOR[shape](ctx, params, obj, None)

    def end(self) -> list:
        out: list = []
        if self._state == "group":
            out.append(P.GroupEnd())
            self._state = "document"
        if self._state == "document":
            out.append(P.FormatEnd())
            self._state = "none"
        self._gen = None
        return out

    def reset(self) -> list:
        """Close any open document (used when pre-formatted packets arrive in the middle of one)."""
        return self.end()


def _view_names(tn: list, shape: str) -> list[str]:
    from pslark.runtime.formatting.views import VIEWS
    names = []
    for v in VIEWS:
        if v.shape == shape and V.names_match(tn, v.types):
            if v.name not in names:
                names.append(v.name)
    return names
