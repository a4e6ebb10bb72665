"""The object cmdlets: Select-Object, Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object,
Get-Member, New-Object, Get-Random, Get-Unique.

Property expressions (names, wildcards, script blocks and calculated-property hashtables) follow pwsh's
PSPropertyExpression / MshParameter rules; comparisons follow ObjectCommandComparer (case-insensitive unless
-CaseSensitive, numbers numerically, nulls equal to each other, a missing property after everything else).
The helpers at the top are shared with format.py, data.py and utility.py.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.errors import (
    ArgumentException, ErrorRecord, FlowSignal, InvalidOperationException, PSArgumentException, PSException,
    PSInvalidCastException, PSNotSupportedException, RuntimeException,
)
from pslark.runtime.objects import (
    AUTOMATION_NULL, PSCUSTOMOBJECT, Hashtable, OrderedDictionary, PSList, PSObject,
)

NS = "Microsoft.PowerShell.Commands."


# ------------------------------------------------------------------------------------------------
# Values: base objects, type names, properties, text

def base_of(value: Any) -> Any:
    """PSObject.Base: the wrapped value of a PSObject (a PSCustomObject is its own base)."""
    if isinstance(value, PSObject) and value.base is not None:
        return value.base
    return value


def is_null(value: Any) -> bool:
    return value is None or value is AUTOMATION_NULL


def type_names(value: Any) -> list:
    """PSObject.TypeNames (most derived first)."""
    if isinstance(value, PSObject):
        return list(value.type_names)
    try:
        from pslark.runtime.formatting.values import type_names as fmt_type_names
        return fmt_type_names(value)
    except Exception:   # never let a type-name lookup break a cmdlet
        return ["System.Object"]


def dotnet_type_name(value: Any) -> str:
    """InputObject.BaseObject.GetType().FullName."""
    if isinstance(value, PSObject):
        if value.base is None:
            return PSCUSTOMOBJECT
        return dotnet_type_name(value.base)
    names = type_names(value)
    for n in names:
        if not n.startswith("Deserialized."):
            return n
    return names[0] if names else "System.Object"


def to_text(value: Any) -> str:
    """PSObject.ToString() (current culture): what .NET's ToString gives for group names and fallbacks."""
    try:
        from pslark.runtime.formatting.values import to_text as fmt_to_text
        return fmt_to_text(value)
    except Exception:
        return str(value)


def to_str(value: Any) -> str:
    """LanguagePrimitives.ConvertTo<string> (invariant culture)."""
    from pslark.runtime.conversion import to_string
    try:
        return to_string(value)
    except PSException:
        return to_text(value)


_DICT_MEMBERS = ("Count", "Keys", "Values", "IsReadOnly", "IsFixedSize", "IsSynchronized", "SyncRoot")


def _dict_member(d: Hashtable, name: str) -> tuple[bool, Any]:
    n = name.casefold()
    if n == "count":
        return True, len(d)
    if n == "keys":
        return True, list(d.keys())
    if n == "values":
        return True, list(d.values())
    if n in ("isreadonly", "isfixedsize", "issynchronized"):
        return True, False
    if n == "syncroot":
        return True, d
    return False, None


def with_instance_members(value: Any) -> Any:
    """The PSObject carrying the members Add-Member gave a non-PSObject value (pwsh finds them through the object
    itself), or the value unchanged."""
    if _wrappers_by_runspace is None or isinstance(value, PSObject) or is_null(value):
        return value
    try:
        if not _keeps_identity(value):
            return value
        from pslark.interpreter.engine import current_context
        wrapper = instance_members_of(current_context(), value)
    except Exception:   # noqa: BLE001 - no runspace on this thread
        return value
    return wrapper if wrapper is not None else value


def property_names(value: Any) -> list:
    """The property names of a value in order (PSObject.Properties); dictionary keys for hashtables."""
    if is_null(value):
        return []
    return own_property_names(with_instance_members(value))


def own_property_names(value: Any) -> list:
    """property_names without the members Add-Member attached to a non-PSObject value."""
    if is_null(value):
        return []
    if isinstance(value, PSObject) and value.base is None:
        return value.property_names()
    b = base_of(value)
    if isinstance(b, Hashtable):
        names = [str(k) for k in b.keys()]
        if isinstance(value, PSObject):
            names = value.property_names() + names
        return names
    try:
        from pslark.runtime.formatting.values import property_names as fmt_names
        return list(fmt_names(value))
    except Exception:
        return []


def get_property(value: Any, name: str) -> tuple[bool, Any]:
    """(found, value) of a property; hashtable entries count as properties, then the dictionary's own members."""
    if is_null(value):
        return False, None
    value = with_instance_members(value)
    if isinstance(value, PSObject):
        entry = value.property_entry(name)
        if entry is not None:
            try:
                return True, (entry.getter(value) if entry.getter is not None else entry.value)
            except FlowSignal:
                raise
            except Exception:
                return True, None
        if value.base is None:
            return False, None
        value = value.base
    if isinstance(value, Hashtable):
        if name in value:
            return True, value[name]
        return _dict_member(value, name)
    try:
        from pslark.runtime.formatting.values import get_prop
        return get_prop(value, name)
    except Exception:
        return False, None


def canonical_name(value: Any, name: str) -> str:
    """The property's own spelling of `name` (PSMemberInfo.Name)."""
    for n in property_names(value):
        if n.casefold() == name.casefold():
            return n
    if isinstance(base_of(value), Hashtable):
        for n in _DICT_MEMBERS:
            if n.casefold() == name.casefold():
                return n
    return name


def wildcard_match(pattern: str, text: str, case_sensitive: bool = False) -> bool:
    from pslark.runtime.wildcard import wildcard_to_regex
    try:
        return wildcard_to_regex(pattern, case_sensitive).fullmatch(text) is not None
    except Exception:   # an invalid pattern matches nothing
        return False


def has_wildcard(text: Any) -> bool:
    from pslark.runtime.wildcard import has_wildcard as hw
    return hw(text)


def unescape_wildcard(text: str) -> str:
    from pslark.runtime.wildcard import unescape_wildcard as uw
    return uw(text)


def enumerate_result(value: Any) -> Optional[list]:
    """LanguagePrimitives.GetEnumerable: the items of a collection, None for scalars, strings and dictionaries."""
    b = base_of(value)
    if isinstance(b, (list, tuple, range)):
        return list(b)
    enum = getattr(b, "ps_enumerate", None)
    if enum is not None:
        try:
            return list(enum())
        except Exception:
            return None
    return None


# ------------------------------------------------------------------------------------------------
# Script blocks

def is_script_block(value: Any) -> bool:
    from pslark.runtime.scriptblock import ScriptBlock
    return isinstance(base_of(value), ScriptBlock)


def invoke_expression_block(expr: Any, target: Any) -> Any:
    """ScriptBlock.DoInvokeReturnAsIs(useLocalScope: true, dollarUnder: target): $null, one value or an array."""
    expr = base_of(expr)
    if callable(getattr(expr, "invoke_with", None)):
        from pslark.runtime.scriptblock import UNSET
        result = expr.invoke_with([], None, target, UNSET, True)
    else:                           # a Python callable (internal uses and tests)
        result = expr(target)
        if not isinstance(result, list):
            return result
    if not result:
        return None
    if len(result) == 1:
        return result[0]
    return list(result)


# ------------------------------------------------------------------------------------------------
# PSPropertyExpression

class PropExpr:
    """A property name (maybe with wildcards) or a script block, evaluated against objects."""

    __slots__ = ("name", "script", "resolved")

    def __init__(self, spec: Any, resolved: bool = False):
        if is_script_block(spec) or (callable(spec) and not isinstance(spec, str)):
            self.script = base_of(spec)
            self.name = None
        else:
            self.script = None
            self.name = spec if isinstance(spec, str) else to_str(spec)
        self.resolved = resolved

    @property
    def has_wildcard(self) -> bool:
        return self.script is None and not self.resolved and has_wildcard(self.name)

    def __str__(self) -> str:
        if self.script is not None:
            text = getattr(self.script, "text", None)
            return text if isinstance(text, str) else getattr(self.script, "__name__", "")
        return self.name

    def resolve_names(self, obj: Any) -> list:
        if self.resolved or self.script is not None:
            return [self if self.resolved else PropExpr(self.script, True)]
        if has_wildcard(self.name):
            names = property_names(obj)
            out, seen = [], set()
            for n in names:
                if n.casefold() not in seen and wildcard_match(self.name, n):
                    seen.add(n.casefold())
                    out.append(PropExpr(n, True))
            return out
        name = unescape_wildcard(self.name) if "`" in self.name else self.name
        found, _ = get_property(obj, name)
        if found:
            return [PropExpr(canonical_name(obj, name), True)]
        return []

    def get_values(self, obj: Any, eat_exceptions: bool = True) -> list:
        """[(value, resolved expression, exception)] for every property the expression matches."""
        if self.script is not None:
            return [self._value(obj, eat_exceptions)]
        return [r._value(obj, eat_exceptions) for r in self.resolve_names(obj)]

    def _value(self, obj: Any, eat_exceptions: bool) -> tuple:
        try:
            if self.script is not None:
                return invoke_expression_block(self.script, obj), self, None
            return get_property(obj, self.name)[1], self, None
        except PSException as exc:
            if eat_exceptions:
                return None, self, exc
            raise


# ------------------------------------------------------------------------------------------------
# Hashtable parameters (MshParameter / ParameterProcessor)

class HashKey:
    """One allowed key of a calculated-property hashtable."""

    def __init__(self, name: str, types: tuple = (), mandatory: bool = False, secondary: Optional[str] = None):
        self.name = name
        self.types = types
        self.mandatory = mandatory
        self.secondary = secondary     # e.g. 'label' for 'name'


SELECT_KEYS = (HashKey("name", secondary="label"), HashKey("expression", mandatory=True))
SORT_KEYS = (HashKey("expression", mandatory=True), HashKey("ascending"), HashKey("descending"))
GROUP_KEYS = (HashKey("expression", mandatory=True),)


class ParamSpec:
    """A processed -Property entry: the expression plus the other keys given."""

    def __init__(self, expr: PropExpr, entries: Optional[dict] = None, from_hashtable: bool = False):
        self.expr = expr
        self.entries = entries or {}
        self.from_hashtable = from_hashtable

    def get(self, key: str, default: Any = None) -> Any:
        return self.entries.get(key, default)


def _dictionary_items(value: Any) -> Optional[list]:
    b = base_of(value)
    if isinstance(b, Hashtable):
        return b.items()
    if isinstance(b, dict):
        return list(b.items())
    return None


def process_parameters(cmd: Cmdlet, values: list, keys: tuple) -> list:
    """ParameterProcessor.ProcessParameters: strings, script blocks and hashtables to ParamSpecs."""
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
            if not isinstance(b, str) and not is_script_block(b) and not callable(b):
                b = to_str(b)
            if isinstance(b, str) and b == "":
                cmd.throw_terminating(_details_record(cmd, "An empty string value is not allowed.",
                                                      "ExpressionEmptyString"))
            out.append(ParamSpec(PropExpr(b)))
            continue
        entries: dict = {}
        for k, v in items:
            if not isinstance(k, str):
                cmd.throw_terminating(_details_record(
                    cmd, f"The {to_str(k)} key type is not valid. The key must be a string.",
                    "DictionaryKeyNonString"))
            key = _match_key(cmd, k, keys)
            if key.name in entries:
                cmd.throw_terminating(_details_record(
                    cmd, f'The duplicated key "{k}" conflicts with "{entries[key.name][0]}".', "DictionaryKeyDuplicate"))
            entries[key.name] = (k, v)
        for key in keys:
            if key.mandatory and key.name not in entries:
                cmd.throw_terminating(_details_record(
                    cmd, f"A mandatory entry for {key.name} is missing.", "DictionaryKeyMandatoryEntry"))
        expr_value = entries.get("expression", (None, None))[1]
        if is_null(expr_value):
            cmd.throw_terminating(_details_record(cmd, "The expression key has no value.", "DictionaryKeyMissingValue"))
        b = base_of(expr_value)
        if not isinstance(b, str) and not is_script_block(b) and not callable(b):
            b = to_str(b)
        spec = ParamSpec(PropExpr(b), {name: value for name, (_, value) in entries.items()}, True)
        out.append(spec)
    return out


def _match_key(cmd: Cmdlet, key: str, keys: tuple) -> HashKey:
    k = key.casefold()
    matches = []
    for hk in keys:
        names = [hk.name] + ([hk.secondary] if hk.secondary else [])
        if any(n.startswith(k) for n in names):
            matches.append(hk)
    if len(matches) == 1 and k:
        return matches[0]
    if len(matches) > 1:
        cmd.throw_terminating(_details_record(
            cmd, f"The {key} key is ambiguous; {matches[0].name} and {matches[1].name} conflict.",
            "DictionaryKeyAmbiguous"))
    cmd.throw_terminating(_details_record(cmd, f"The {key} key is not valid.", "DictionaryKeyIllegal"))
    raise AssertionError("unreachable")


def _details_record(cmd: Cmdlet, message: str, error_id: str) -> ErrorRecord:
    exc = PSNotSupportedException(message)
    record = cmd.error_record(message, error_id, "InvalidArgument", None, exc)
    return record


# ------------------------------------------------------------------------------------------------
# Comparison (ObjectCommandComparer)

class ObjectComparer:
    """Compares two values as Sort-Object / Group-Object / Compare-Object do."""

    __slots__ = ("ascending", "case_sensitive")

    def __init__(self, ascending: bool = True, case_sensitive: bool = False):
        self.ascending = ascending
        self.case_sensitive = case_sensitive

    def compare(self, first: Any, second: Any) -> int:
        a, b = base_of(first), base_of(second)
        if is_null(a) and is_null(b):
            return 0
        result = compare_values(a, b, self.case_sensitive)
        return result if self.ascending else -result


def compare_values(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """LanguagePrimitives.TryCompare, falling back to comparing the ToString() texts."""
    from pslark.runtime.conversion import compare, string_compare
    a, b = base_of(a), base_of(b)
    if isinstance(a, PSObject) and isinstance(b, PSObject):
        return string_compare(to_text(a), to_text(b), case_sensitive)
    try:
        r = compare(a, b, case_sensitive)
        return -1 if r < 0 else (1 if r > 0 else 0)
    except PSException:
        pass
    except FlowSignal:
        raise
    except Exception:   # noqa: BLE001 - modelled objects may not be comparable at all
        pass
    return string_compare(to_text(a), to_text(b), case_sensitive)


MISSING = object()      # ObjectCommandPropertyValue.NonExistingProperty


class OrderEntry:
    """OrderByPropertyEntry: an input object with its sort key values."""

    __slots__ = ("obj", "values", "index", "comparable")

    def __init__(self, obj: Any, values: list, index: int, comparable: bool):
        self.obj = obj
        self.values = values
        self.index = index
        self.comparable = comparable


class EntryComparer:
    """OrderByPropertyComparer: key by key; a missing property sorts after everything in either direction."""

    def __init__(self, ascending: list, case_sensitive: bool):
        self.comparers = [ObjectComparer(a, case_sensitive) for a in ascending]

    def compare(self, x: OrderEntry, y: OrderEntry) -> int:
        for k, comparer in enumerate(self.comparers):
            a = x.values[k] if k < len(x.values) else MISSING
            b = y.values[k] if k < len(y.values) else MISSING
            if a is not MISSING and b is not MISSING:
                r = comparer.compare(a, b)
            elif a is not MISSING:
                r = -1
            elif b is not MISSING:
                r = 1
            else:
                r = 0
            if r != 0:
                return r
        return 0


def default_key_property_set(obj: Any) -> Optional[list]:
    """PSStandardMembers.DefaultKeyPropertySet of an object, if it declares one."""
    keys = getattr(base_of(obj), "ps_default_key_properties", None)
    if keys:
        return list(keys)
    return None


def expand_wildcard_specs(specs: list, objects: list) -> list:
    """OrderByProperty.ExpandExpressions: a wildcard becomes every matching property name (sorted)."""
    out = []
    for spec in specs:
        if not spec.expr.has_wildcard:
            out.append(spec)
            continue
        found: dict = {}
        for obj in objects:
            if is_null(obj):
                continue
            for r in spec.expr.resolve_names(obj):
                found.setdefault(str(r).casefold(), r)
        for key in sorted(found):
            out.append(ParamSpec(found[key], dict(spec.entries), spec.from_hashtable))
    return out


def order_entry(cmd: Cmdlet, obj: Any, specs: Optional[list], index: int) -> OrderEntry:
    """OrderByPropertyEntryEvaluationHelper.ProcessObject."""
    if not specs:
        return OrderEntry(obj, [obj], index, True)
    values = []
    comparable = False
    for spec in specs:
        results = spec.expr.get_values(obj)
        if not results:
            values.append(MISSING)
            continue
        for value, _, exc in results:
            if exc is None:
                values.append(value)
            else:
                cmd.write_error(ErrorRecord(exc, f"ExpressionEvaluation,{cmd.fq_suffix()}", "InvalidResult", obj,
                                            cmd.invocation))
                values.append(None)
            comparable = True
    return OrderEntry(obj, values, index, comparable)


def ascending_flags(specs: Optional[list], default_ascending: bool, count: int) -> list:
    flags = []
    for k in range(count):
        asc = default_ascending
        if specs and k < len(specs):
            spec = specs[k]
            a, d = spec.get("ascending", AUTOMATION_NULL), spec.get("descending", AUTOMATION_NULL)
            a_def, d_def = not is_null(a), not is_null(d)
            from pslark.runtime.conversion import to_bool
            if a_def and d_def and to_bool(a) == to_bool(d):
                pass
            elif a_def:
                asc = to_bool(a)
            elif d_def:
                asc = not to_bool(d)
        flags.append(asc)
    return flags


def _cmp_key(compare: Callable[[Any, Any], int]):
    import functools
    return functools.cmp_to_key(compare)


def dotnet_list_sort(keys: list, comparer: Callable[[Any, Any], int]) -> None:
    """List<T>.Sort(IComparer): .NET's introspective sort, in place.

    It is not stable, and Sort-Object's results for equal keys follow it (pwsh's own tests depend on which of
    two equal items comes first), so pslark runs the same algorithm: insertion sort up to 16 items, median-of-
    three quicksort partitions, heapsort past the depth limit.
    """
    n = len(keys)
    if n > 1:
        _intro_sort(keys, 0, n, 2 * (n.bit_length()), comparer)


def _swap_if_greater(keys: list, cmp, i: int, j: int) -> None:
    if cmp(keys[i], keys[j]) > 0:
        keys[i], keys[j] = keys[j], keys[i]


def _intro_sort(keys: list, lo: int, hi: int, depth: int, cmp) -> None:
    size = hi - lo
    while size > 1:
        if size <= 16:
            if size == 2:
                _swap_if_greater(keys, cmp, lo, lo + 1)
                return
            if size == 3:
                _swap_if_greater(keys, cmp, lo, lo + 1)
                _swap_if_greater(keys, cmp, lo, lo + 2)
                _swap_if_greater(keys, cmp, lo + 1, lo + 2)
                return
            _insertion_sort(keys, lo, lo + size, cmp)
            return
        if depth == 0:
            _heap_sort(keys, lo, lo + size, cmp)
            return
        depth -= 1
        p = _pick_pivot_and_partition(keys, lo, lo + size, cmp)
        _intro_sort(keys, p + 1, lo + size, depth, cmp)
        size = p - lo


def _pick_pivot_and_partition(keys: list, lo: int, end: int, cmp) -> int:
    hi = end - 1
    middle = lo + ((hi - lo) >> 1)
    _swap_if_greater(keys, cmp, lo, middle)
    _swap_if_greater(keys, cmp, lo, hi)
    _swap_if_greater(keys, cmp, middle, hi)
    pivot = keys[middle]
    keys[middle], keys[hi - 1] = keys[hi - 1], keys[middle]
    left, right = lo, hi - 1
    while left < right:
        left += 1
        while cmp(keys[left], pivot) < 0:
            left += 1
        right -= 1
        while cmp(pivot, keys[right]) < 0:
            right -= 1
        if left >= right:
            break
        keys[left], keys[right] = keys[right], keys[left]
    if left != hi - 1:
        keys[left], keys[hi - 1] = keys[hi - 1], keys[left]
    return left


def _insertion_sort(keys: list, lo: int, end: int, cmp) -> None:
    for i in range(lo, end - 1):
        t = keys[i + 1]
        j = i
        while j >= lo and cmp(t, keys[j]) < 0:
            keys[j + 1] = keys[j]
            j -= 1
        keys[j + 1] = t


def _heap_sort(keys: list, lo: int, end: int, cmp) -> None:
    n = end - lo
    for i in range(n >> 1, 0, -1):
        _down_heap(keys, lo, i, n, cmp)
    for i in range(n, 1, -1):
        keys[lo], keys[lo + i - 1] = keys[lo + i - 1], keys[lo]
        _down_heap(keys, lo, 1, i - 1, cmp)


def _down_heap(keys: list, lo: int, i: int, n: int, cmp) -> None:
    d = keys[lo + i - 1]
    while i <= (n >> 1):
        child = 2 * i
        if child < n and cmp(keys[lo + child - 1], keys[lo + child]) < 0:
            child += 1
        if not cmp(d, keys[lo + child - 1]) < 0:
            break
        keys[lo + i - 1] = keys[lo + child - 1]
        i = child
    keys[lo + i - 1] = d


# ------------------------------------------------------------------------------------------------
# Select-Object

class _SelectQueue:
    """SelectObjectCommand.SelectObjectQueue: -First / -Last / -Skip / -SkipLast bookkeeping."""

    def __init__(self, first: int, last: int, skip: int, skip_last: int, first_or_last: bool):
        from collections import deque
        self.q = deque()
        self.first, self.last, self.skip, self.skip_last = first, last, skip, skip_last
        self.first_or_last = first_or_last
        self.streamed = 0

    @property
    def all_requested_processed(self) -> bool:
        return self.first_or_last and self.last == 0 and self.first != 0 and self.streamed >= self.first

    def enqueue(self, obj: Any) -> None:
        if self.last > 0 and len(self.q) >= self.last + self.skip and self.first == 0:
            self.q.popleft()
        elif self.last > 0 and len(self.q) >= self.last and self.first != 0:
            self.q.popleft()
        self.q.append(obj)

    def streaming_dequeue(self) -> Any:
        if self.skip == 0:
            if self.skip_last > 0:
                if len(self.q) > self.skip_last:
                    return self.q.popleft()
            else:
                if self.streamed < self.first or not self.first_or_last:
                    self.streamed += 1
                    return self.q.popleft()
                if self.last == 0:
                    self.q.popleft()
        else:
            if self.last == 0:
                self.q.popleft()
                self.skip -= 1
            elif self.first != 0:
                self.skip -= 1
                self.q.popleft()
        return AUTOMATION_NULL


class _SelectError(Exception):
    def __init__(self, record: ErrorRecord):
        super().__init__(record.message)
        self.record = record


def stop_upstream(cmd: Cmdlet) -> None:
    """Stop the commands before this one (StopUpstreamCommandsException)."""
    proc = getattr(cmd, "processor", None)
    cmd._upstream_stopped = True
    if proc is not None:
        from pslark.runtime.pipeline import StopUpstream
        raise StopUpstream(proc)


@cmdlet("Select-Object", aliases=("select",), default_set="DefaultParameter")
class SelectObject(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    property = Parameter("object[]", position=0, sets=("DefaultParameter", "SkipLastParameter"))
    exclude_property = Parameter("string[]", sets=("DefaultParameter", "SkipLastParameter"))
    expand_property = Parameter("string", sets=("DefaultParameter", "SkipLastParameter"))
    unique = Parameter("switch")
    case_insensitive = Parameter("switch")
    last = Parameter("int", sets=("DefaultParameter",), validate_range=(0, 2147483647))
    first = Parameter("int", sets=("DefaultParameter",), validate_range=(0, 2147483647))
    skip = Parameter("int", sets=("DefaultParameter", "SkipLastParameter"), validate_range=(0, 2147483647))
    skip_last = Parameter("int", sets=("SkipLastParameter",), validate_range=(0, 2147483647))
    wait = Parameter("switch", sets=("DefaultParameter", "IndexParameter"))
    index = Parameter("int[]", sets=("IndexParameter",), validate_range=(0, 2147483647))
    skip_index = Parameter("int[]", sets=("SkipIndexParameter",), validate_range=(0, 2147483647))

    def begin_processing(self):
        self._upstream_stopped = False
        self._ended = False
        props = _as_list(self.property)
        self._property_given = bool(props)
        self._exclusion = [str(p) for p in _as_list(self.exclude_property)] if self.exclude_property is not None \
            else None
        if self._exclusion is not None and not props:
            props = ["*"]
            self._property_given = True
        self._props = process_parameters(self, props, SELECT_KEYS) if props else []
        self._expand = None
        if self.expand_property:
            self._expand = process_parameters(self, [self.expand_property], SELECT_KEYS)[0]
        self._uniques: Optional[list] = [] if self.unique else None
        self._unique_buckets: dict = {}
        self._unique_comparer = ObjectComparer(True, not self.case_insensitive)
        first_or_last = self.is_bound("First") or self.is_bound("Last")
        self._queue = _SelectQueue(self.first or 0, self.last or 0, self.skip or 0, self.skip_last or 0,
                                   first_or_last)
        indexes = self.index if self.is_bound("Index") else self.skip_index if self.is_bound("SkipIndex") else None
        self._indexed = indexes is not None
        self._include_index = self.is_bound("Index")
        if self._indexed:
            from pslark.runtime.conversion import to_int
            self._indexes = sorted(to_int(i) for i in _as_list(indexes))
        self._filter_pos = 0
        self._object_pos = 0
        self._current_input = None

    # ---- pipeline
    def process_record(self):
        obj = self.input_object
        if is_null(obj) or self._upstream_stopped:
            return
        self._current_input = obj
        if self._indexed:
            self._process_indexed(obj)
            return
        q = self._queue
        q.enqueue(obj)
        out = q.streaming_dequeue()
        if out is not AUTOMATION_NULL:
            self._process_and_handle_errors(out)
        if q.all_requested_processed and not self.wait:
            stop_upstream(self)

    def _process_indexed(self, obj: Any) -> None:
        idx = self._indexes
        if self._include_index:
            if self._filter_pos < len(idx):
                wanted = idx[self._filter_pos]
                if self._object_pos == wanted:
                    self._process_and_handle_errors(obj)
                    while self._filter_pos < len(idx) and idx[self._filter_pos] == wanted:
                        self._filter_pos += 1
            self._object_pos += 1
            if not self.wait and self._filter_pos >= len(idx):
                stop_upstream(self)
            return
        if self._filter_pos < len(idx):
            skip = idx[self._filter_pos]
            if self._object_pos != skip:
                self._process_and_handle_errors(obj)
            else:
                while self._filter_pos < len(idx) and idx[self._filter_pos] == skip:
                    self._filter_pos += 1
        else:
            self._process_and_handle_errors(obj)
        self._object_pos += 1

    def end_processing(self):
        if self._ended:
            return
        self._ended = True
        if self.parameter_set == "DefaultParameter" and not self._indexed:
            q = self._queue
            if (self.first or 0) != 0:
                while q.q:
                    self._process_and_handle_errors(q.q.popleft())
            else:
                while q.q:
                    if len(q.q) > (self.skip or 0):
                        self._process_and_handle_errors(q.q.popleft())
                    else:
                        break
        if self._uniques is not None:
            for obj, _ in self._uniques:
                self.write_object(obj)

    # ---- selection
    def _process_and_handle_errors(self, obj: Any) -> None:
        try:
            self._process_object(obj)
        except _SelectError as err:
            self.write_error(err.record)

    def _process_object(self, obj: Any) -> None:
        if not self._property_given and self._expand is None:
            self._filtered_write(obj, [], obj)
            return
        matched: list = []
        for spec in self._props:
            self._process_parameter(spec, obj, matched)
        if self._expand is None:
            result = PSObject()
            seen = set()
            added = []
            for name, value in matched:
                if name.casefold() in seen:
                    self._already_existing(name, obj, "AlreadyExistingUserSpecifiedPropertyNoExpand")
                    continue
                seen.add(name.casefold())
                result.add_property(name, value)
                added.append((name, value))
            self._filtered_write(result, added, obj, new_object=True)
        else:
            self._process_expand(obj, matched)

    def _excluded(self, expr: PropExpr) -> bool:
        if not self._exclusion:
            return False
        text = str(expr)
        return any(wildcard_match(p, text) for p in self._exclusion)

    def _process_parameter(self, spec: ParamSpec, obj: Any, matched: list) -> None:
        name = spec.get("name")
        name = None if is_null(name) else to_str(name)
        expr = spec.expr
        results = []
        for resolved in expr.resolve_names(obj):
            if self._exclusion is None or not self._excluded(resolved):
                results.extend(resolved.get_values(obj))
        if not results and not expr.has_wildcard:
            results.append((None, expr, None))
        elif name and len(results) > 1:
            self.write_error(self.error_record("Cannot rename multiple results.", "RenamingMultipleResults",
                                               "InvalidOperation", obj,
                                               InvalidOperationException("Cannot rename multiple results.")))
            return
        for value, resolved, _exc in results:
            if self._exclusion is not None and self._excluded(resolved):
                continue
            if name:
                matched.append((name, value))
                continue
            text = str(resolved)
            if not text:
                msg = "A property is an empty script block and does not provide a name."
                self.throw_terminating(self.error_record(msg, "EmptyScriptBlockAndNoName", "InvalidArgument", None,
                                                         PSArgumentException(msg)))
            matched.append((text if resolved.script is not None or "`" not in text else unescape_wildcard(text),
                            value))

    def _process_expand(self, obj: Any, matched: list) -> None:
        spec = self._expand
        results = spec.expr.get_values(obj)
        if not results:
            msg = f'Property "{self.expand_property}" cannot be found.'
            raise _SelectError(self.error_record(msg, "ExpandPropertyNotFound", "InvalidArgument", obj,
                                                 PSArgumentException(msg)))
        if len(results) > 1:
            msg = "Multiple properties cannot be expanded."
            raise _SelectError(self.error_record(msg, "MutlipleExpandProperties", "InvalidArgument", obj,
                                                 PSArgumentException(msg)))
        value, _, exc = results[0]
        if exc is not None:
            raise _SelectError(ErrorRecord(exc, f"PropertyEvaluationExpand,{self.fq_suffix()}", "InvalidResult", obj,
                                           self.invocation))
        if is_null(value):
            return
        items = enumerate_result(value)
        if items is None:
            self._write_expanded(value, obj, matched)
            return
        for item in items:
            if is_null(item):
                continue
            self._write_expanded(item, obj, matched)

    def _write_expanded(self, value: Any, obj: Any, matched: list) -> None:
        if not matched:
            self._filtered_write(value, [], obj)
            return
        if isinstance(value, PSObject):
            target = value
        else:
            target = PSObject(type_names=type_names(value), base=value)
        added = []
        for name, v in matched:
            found, _ = get_property(target, name)
            if found:
                self._already_existing(name, obj, "AlreadyExistingUserSpecifiedPropertyExpand")
            else:
                target.add_property(name, v)
                added.append((name, v))
        self._filtered_write(target, added, obj, new_object=bool(added))

    def _already_existing(self, name: str, obj: Any, error_id: str) -> None:
        msg = f'The property cannot be processed because the property "{name}" already exists.'
        self.write_error(self.error_record(msg, error_id, "InvalidOperation", obj, PSArgumentException(msg)))

    def _filtered_write(self, obj: Any, added: list, source: Any, new_object: bool = False) -> None:
        if self._uniques is None:
            self._set_selected_type(obj, new_object)
            self.write_object(obj)
            return
        cmp = self._unique_comparer
        key = self._unique_key(obj, added)
        candidates = self._unique_buckets.get(key, ()) if key is not None else self._uniques
        for written, props in candidates:
            if len(props) != len(added):
                continue
            if cmp.compare(base_of(obj) if not _is_custom(obj) else None,
                           base_of(written) if not _is_custom(written) else None) != 0:
                continue
            same = True
            for name, value in added:
                found, other = get_property(written, name)
                if not found or cmp.compare(other, value) != 0:
                    same = False
                    break
            if same:
                return
        self._set_selected_type(obj, new_object)
        self._uniques.append((obj, added))
        if key is not None:
            self._unique_buckets.setdefault(key, []).append((obj, added))
        else:
            for bucket in self._unique_buckets.values():
                bucket.append((obj, added))

    def _unique_key(self, obj: Any, added: list) -> Any:
        """A hash key that equal objects share (None when the object needs the full comparison)."""
        parts = [None if _is_custom(obj) else base_of(obj)] + [v for _, v in added]
        key = [len(added)]
        for v in parts:
            v = base_of(v)
            if v is None:
                key.append(None)
            elif isinstance(v, str):
                key.append(("s", v.casefold() if self.case_insensitive else v))
            elif isinstance(v, bool):
                key.append(("b", v))
            elif isinstance(v, (int, float)):
                key.append(("n", float(v)))
            else:
                return None
        return tuple(key)

    def _set_selected_type(self, obj: Any, new_object: bool) -> None:
        if isinstance(obj, PSObject) and obj.base is None:
            name = "Selected." + dotnet_type_name(self._current_input)
            if new_object or name not in obj.type_names:
                obj.type_names.insert(0, name)


def _is_custom(obj: Any) -> bool:
    return isinstance(obj, PSObject) and obj.base is None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


# ------------------------------------------------------------------------------------------------
# Sort-Object

class _OrderObjectBase(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    property = Parameter("object[]", position=0)
    culture = Parameter("string")
    case_sensitive = Parameter("switch")

    def begin_processing(self):
        self.inputs: list = []

    def process_record(self):
        obj = self.input_object
        if is_null(obj):
            return
        self.inputs.append(obj)

    def order_matrix(self, objects: list, ascending: bool) -> tuple[list, Optional[EntryComparer], list]:
        props = _as_list(self.property)
        if not props and objects:
            props = default_key_property_set(objects[0]) or []
        specs = process_parameters(self, props, SORT_KEYS if isinstance(self, SortObject) else GROUP_KEYS) \
            if props else []
        specs = expand_wildcard_specs(specs, objects)
        entries = [order_entry(self, o, specs, i) for i, o in enumerate(objects)]
        if not entries:
            return entries, None, specs
        width = max(len(e.values) for e in entries)
        if width == 0:
            return entries, None, specs
        comparer = EntryComparer(ascending_flags(specs, ascending, width), bool(self.case_sensitive))
        return entries, comparer, specs


@cmdlet("Sort-Object", default_set="Default")
class SortObject(_OrderObjectBase):
    stable = Parameter("switch", sets=("Default",))
    descending = Parameter("switch")
    unique = Parameter("switch")
    top = Parameter("int", mandatory=True, sets=("Top",), validate_range=(1, 2147483647))
    bottom = Parameter("int", mandatory=True, sets=("Bottom",), validate_range=(1, 2147483647))

    def end_processing(self):
        entries, comparer, _ = self.order_matrix(self.inputs, not self.descending)
        if comparer is None or not entries:
            return
        top, bottom = self.top or 0, self.bottom or 0
        if top or bottom or self.stable:
            def indexed(x, y):
                if x.comparable != y.comparable:
                    return -1 if x.comparable else 1
                r = comparer.compare(x, y)
                return r if r else (x.index > y.index) - (x.index < y.index)
            entries.sort(key=_cmp_key(indexed))
        else:
            dotnet_list_sort(entries, comparer.compare)
        if self.unique:
            uniq = []
            for e in entries:
                if uniq and comparer.compare(uniq[-1], e) == 0:
                    continue
                uniq.append(e)
            entries = uniq
        if top:
            entries = entries[:top]
        elif bottom:
            entries = entries[-bottom:]
        for e in entries:
            self.check_stop()
            self.write_object(e.obj)


# ------------------------------------------------------------------------------------------------
# Group-Object

_GROUP_COLLECTION = ("System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSObject, "
                     "System.Management.Automation, Version=7.4.0.0, Culture=neutral, "
                     "PublicKeyToken=31bf3856ad364e35]]")


class CaseSensitiveHashtable(Hashtable):
    """A Hashtable built with a case-sensitive comparer (Group-Object -AsHashTable -CaseSensitive)."""

    __slots__ = ()

    def __getitem__(self, key):
        return self._data[key][1]

    def get(self, key, default=None):
        entry = self._data.get(key)
        return default if entry is None else entry[1]

    def __setitem__(self, key, value):
        entry = self._data.get(key)
        self._data[key] = (key if entry is None else entry[0], value)

    def add(self, key, value):
        if key in self._data:
            raise KeyError(key)
        self[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def remove(self, key):
        self._data.pop(key, None)

    def __contains__(self, key):
        return key in self._data


class GroupInfo:
    """Microsoft.PowerShell.Commands.GroupInfo."""

    type_names = [NS + "GroupInfo", "System.Object"]
    ps_properties = ("Values", "Count", "Group", "Name")

    def __init__(self, entry: OrderEntry):
        self.entry = entry
        self.Group = PSList(type_name=_GROUP_COLLECTION)
        self.Count = 0
        self.Name = build_group_name(entry.values)
        self.add(entry.obj)

    def add(self, obj: Any) -> None:
        self.Group.append(obj)
        self.Count += 1

    @property
    def Values(self):
        return PSList([None if v is MISSING else v for v in self.entry.values])

    def ps_get(self, name: str):
        n = name.casefold()
        if n == "values":
            return self.Values
        if n == "count":
            return self.Count
        if n == "group":
            return self.Group
        if n == "name":
            return self.Name
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return NS + "GroupInfo"


class GroupInfoNoElement(GroupInfo):
    type_names = [NS + "GroupInfoNoElement", NS + "GroupInfo", "System.Object"]

    def add(self, obj: Any) -> None:
        self.Count += 1

    def ps_to_string(self) -> str:
        return NS + "GroupInfoNoElement"


def build_group_name(values: list) -> str:
    parts = []
    for v in values:
        if v is MISSING or is_null(v):
            continue
        items = enumerate_result(v) if not isinstance(base_of(v), str) else None
        if items is not None or isinstance(base_of(v), Hashtable):
            if items is None:
                items = list(base_of(v).keys())
            parts.append("{" + ", ".join(to_text(i) for i in items) + "}")
        else:
            parts.append(to_text(v))
    return ", ".join(parts)


@cmdlet("Group-Object", aliases=("group",))
class GroupObject(_OrderObjectBase):
    no_element = Parameter("switch")
    as_hash_table = Parameter("switch", name="AsHashTable", sets=("HashTable",), aliases=("AHT",))
    as_string = Parameter("switch", sets=("HashTable",))

    def begin_processing(self):
        super().begin_processing()
        self._checked = False

    def process_record(self):
        obj = self.input_object
        if is_null(obj):
            return
        if not self._checked:
            self._checked = True
            props = _as_list(self.property)
            if self.as_string and not self.as_hash_table:
                msg = ("The command cannot be run because the AsString parameter requires that you specify the "
                       "AsHashtable parameter.")
                self.throw_terminating(self.error_record(msg, "ArgumentException", "InvalidArgument", True,
                                                         ArgumentException(msg)))
            if self.as_hash_table and not self.as_string and len(props) > 1:
                msg = ("The command cannot be run because using the AsHashTable parameter with more than one property "
                       "requires adding the AsString parameter.")
                self.throw_terminating(self.error_record(msg, "ArgumentException", "InvalidArgument", props,
                                                         ArgumentException(msg)))
        self.inputs.append(obj)

    def end_processing(self):
        entries, comparer, _ = self.order_matrix(self.inputs, True)
        if not entries:
            return
        if comparer is None:
            comparer = EntryComparer([True], bool(self.case_sensitive))
        groups: list = []
        klass = GroupInfoNoElement if self.no_element else GroupInfo
        if self._same_types(entries):
            entries = sorted(entries, key=_cmp_key(comparer.compare))
            for e in entries:
                if groups and comparer.compare(groups[-1].entry, e) == 0:
                    groups[-1].add(e.obj)
                else:
                    groups.append(klass(e))
        else:
            for e in entries:
                for g in groups:
                    if comparer.compare(g.entry, e) == 0:
                        g.add(e.obj)
                        break
                else:
                    groups.append(klass(e))
        if not groups:
            return
        if self.as_hash_table:
            table = CaseSensitiveHashtable() if self.case_sensitive else Hashtable()
            for g in groups:
                key = g.Name if self.as_string else base_of(g.entry.values[0] if g.entry.values else None)
                if key is MISSING:
                    key = None
                if key is None or key in table:
                    msg = ("The objects grouped by this property cannot be expanded because there is a key "
                           "duplication. Provide a valid value for the property, and then try again.")
                    self.write_error(self.error_record(msg, msg, "InvalidArgument", None, RuntimeException(msg)))
                    return
                table[key] = g.Group
            self.write_object(table)
            return
        for g in groups:
            self.write_object(g)

    @staticmethod
    def _same_types(entries: list) -> bool:
        candidate: Optional[list] = None
        for e in entries:
            kinds = [None if (v is MISSING or is_null(v)) else _kind(base_of(v)) for v in e.values]
            if candidate is None:
                candidate = kinds
                continue
            if len(kinds) != len(candidate):
                return False
            for i, k in enumerate(kinds):
                if k is None:
                    continue
                if candidate[i] is None:
                    candidate[i] = k
                elif candidate[i] != k:
                    return False
        return True


def _kind(value: Any) -> str:
    if isinstance(value, PSObject):
        return PSCUSTOMOBJECT
    return type_names(value)[0] if not isinstance(value, (bool, int, float, str)) else type(value).__name__


# ------------------------------------------------------------------------------------------------
# Measure-Object

class _MeasureInfo:
    type_names: list = []
    ps_properties: tuple = ()

    def __init__(self, **values):
        self._values = {k.casefold(): v for k, v in values.items()}
        for k, v in values.items():
            setattr(self, k, v)

    def ps_get(self, name: str):
        key = name.casefold()
        if key in self._values:
            return self._values[key]
        raise AttributeError(name)

    def ps_set(self, name: str, value: Any) -> None:
        key = name.casefold()
        for p in self.ps_properties:
            if p.casefold() == key:
                self._values[key] = value
                setattr(self, p, value)
                return
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self.type_names[0]


class GenericMeasureInfo(_MeasureInfo):
    type_names = [NS + "GenericMeasureInfo", NS + "MeasureInfo", "System.Object"]
    ps_properties = ("Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation", "Property")


class GenericObjectMeasureInfo(_MeasureInfo):
    type_names = [NS + "GenericObjectMeasureInfo", NS + "MeasureInfo", "System.Object"]
    ps_properties = ("Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation", "Property")


class TextMeasureInfo(_MeasureInfo):
    type_names = [NS + "TextMeasureInfo", NS + "MeasureInfo", "System.Object"]
    ps_properties = ("Lines", "Words", "Characters", "Property")


class _Stats:
    __slots__ = ("count", "sum", "sum_previous", "variance", "max", "min", "characters", "words", "lines")

    def __init__(self):
        self.count = 0
        self.sum = 0.0
        self.sum_previous = 0.0
        self.variance = 0.0
        self.max = None
        self.min = None
        self.characters = 0
        self.words = 0
        self.lines = 0


def try_to_double(value: Any) -> tuple[bool, float]:
    """LanguagePrimitives.TryConvertTo<double>."""
    from pslark.runtime.conversion import to_double
    try:
        return True, float(to_double(base_of(value)))
    except (PSException, TypeError, ValueError, OverflowError):
        return False, 0.0


def _is_white(c: str) -> bool:
    return c.isspace()


@cmdlet("Measure-Object", aliases=("measure",), default_set="GenericMeasure")
class MeasureObject(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    property = Parameter("object[]", position=0, validate_not_null_or_empty=True)
    standard_deviation = Parameter("switch", sets=("GenericMeasure",))
    sum = Parameter("switch", sets=("GenericMeasure",))
    all_stats = Parameter("switch", sets=("GenericMeasure",))
    average = Parameter("switch", sets=("GenericMeasure",))
    maximum = Parameter("switch", sets=("GenericMeasure",))
    minimum = Parameter("switch", sets=("GenericMeasure",))
    line = Parameter("switch", sets=("TextMeasure",))
    word = Parameter("switch", sets=("TextMeasure",))
    character = Parameter("switch", sets=("TextMeasure",))
    ignore_white_space = Parameter("switch", sets=("TextMeasure",))

    def begin_processing(self):
        if self.all_stats:
            self.sum = self.standard_deviation = self.average = self.maximum = self.minimum = True
        self._stats: dict = {}          # folded name -> (name, _Stats)
        self._non_numeric = False
        self._total = 0
        self._exprs = None
        if self.property is not None:
            self._exprs = [PropExpr(base_of(p) if is_script_block(p) else to_str(p)) for p in _as_list(self.property)]

    def _entry(self, name: str) -> _Stats:
        key = name.casefold()
        if key not in self._stats:
            self._stats[key] = (name, _Stats())
        return self._stats[key][1]

    def process_record(self):
        obj = self.input_object
        if is_null(obj):
            return
        self._total += 1
        if self._exprs is None:
            self._analyze(None, base_of(obj))
            return
        counted = set()
        for expr in self._exprs:
            resolved = expr.resolve_names(obj)
            if not resolved:
                if not expr.has_wildcard:
                    self._entry(str(expr))
                continue
            for r in resolved:
                name = str(r)
                if name.casefold() in counted:
                    continue
                results = r.get_values(obj)
                if not results:
                    continue
                self._analyze(name, results[0][0])
                counted.add(name.casefold())

    def _analyze(self, name: Optional[str], value: Any) -> None:
        stat = self._entry(name if name is not None else "$_")
        stat.count += 1
        if self.character or self.word or self.line:
            # PSObject.ToString(): a collection (a script block property's several results) is its items joined
            # with $OFS, so `"a,b,c" | Measure-Object -Word {$_ -split ','}` counts 3 words
            text = "" if is_null(value) else to_str(value) if isinstance(value, (list, tuple)) else to_text(value)
            if self.character:
                stat.characters += len(text) if not self.ignore_white_space else \
                    sum(1 for c in text if not _is_white(c))
            if self.word:
                words, white = 0, True
                for c in text:
                    if _is_white(c):
                        white = True
                    else:
                        if white:
                            words += 1
                        white = False
                stat.words += words
            if self.line and text:
                n = text.count("\n")
                if text[-1] != "\n":
                    n += 1
                stat.lines += n
        if self.average or self.sum or self.standard_deviation:
            ok, num = try_to_double(value) if not is_null(value) else (True, 0.0)
            if not ok:
                self._non_numeric = True
                msg = f'Input object "{to_text(value)}" is not numeric.'
                self.write_error(self.error_record(msg, "NonNumericInputObject", "InvalidType", value,
                                                   InvalidOperationException(msg)))
                return
            stat.sum_previous = stat.sum
            stat.sum += num
            if self.standard_deviation and stat.count > 1:
                # pwsh 7.4's running *sample* variance (n - 1), as introduced with -StandardDeviation
                count_minus_one = stat.count - 1
                avg_prev = stat.sum_previous / count_minus_one
                stat.variance *= (count_minus_one - 1) / count_minus_one
                stat.variance += (num - avg_prev) * (num - avg_prev) / stat.count
        if self.minimum:
            stat.min = self._min_max(value, stat.min, True)
        if self.maximum:
            stat.max = self._min_max(value, stat.max, False)

    @staticmethod
    def _min_max(value: Any, current: Any, is_min: bool) -> Any:
        cur = value
        stat = current
        if not is_null(value):
            ok, d = try_to_double(value)
            if ok:
                cur = d
        if not is_null(stat):
            ok, d = try_to_double(stat)
            if ok:
                stat = d
        if not is_null(cur) and not is_null(stat) and type(cur) is not type(base_of(stat)):
            cur, stat = to_text(cur), to_text(stat)
        if is_null(stat):
            return value
        r = compare_values(stat, cur, True)
        return value if (r if is_min else -r) > 0 else current

    def end_processing(self):
        if self._total == 0 and self._exprs is None:
            self._entry("$_")
        generic = self.parameter_set != "TextMeasure"
        for _, (name, stat) in self._stats.items():
            if stat.count == 0 and self._exprs is not None:
                if getattr(self.ctx, "strict_mode", 0) >= 2:
                    eid = "GenericMeasurePropertyNotFound" if generic else "TextMeasurePropertyNotFound"
                    msg = f'The property "{name}" cannot be found in the input for any objects.'
                    rec = self.error_record(msg, eid, "ObjectNotFound", None, PSArgumentException(name))
                    rec.error_details_message = msg
                    self.write_error(rec)
                continue
            prop = name if self._exprs is not None else None
            if generic:
                info = self._generic(stat)
            else:
                info = TextMeasureInfo(Lines=stat.lines if self.line else None,
                                       Words=stat.words if self.word else None,
                                       Characters=stat.characters if self.character else None)
            info.ps_set("Property", prop)
            self.write_object(info)

    def _generic(self, stat: _Stats):
        numeric = all(is_null(v) or try_to_double(v)[0] for v in (stat.min, stat.max))
        total = average = std = None
        if not self._non_numeric:
            if self.sum:
                total = stat.sum
            if self.average and stat.count > 0:
                average = stat.sum / stat.count
            if self.standard_deviation:
                std = math.sqrt(stat.variance)
        mx = mn = None
        if self.maximum:
            mx = (try_to_double(stat.max)[1] if numeric and not is_null(stat.max) else stat.max)
        if self.minimum:
            mn = (try_to_double(stat.min)[1] if numeric and not is_null(stat.min) else stat.min)
        if numeric:
            return GenericMeasureInfo(Count=stat.count, Average=average, Sum=total, Maximum=mx, Minimum=mn,
                                      StandardDeviation=std, Property=None)
        return GenericObjectMeasureInfo(Count=stat.count, Average=average, Sum=total, Maximum=mx, Minimum=mn,
                                        StandardDeviation=None, Property=None)


# ------------------------------------------------------------------------------------------------
# Compare-Object

@cmdlet("Compare-Object")
class CompareObject(Cmdlet):
    reference_object = Parameter("psobject[]", position=0, mandatory=True, allow_empty_collection=True)
    difference_object = Parameter("psobject[]", position=1, mandatory=True, pipeline=True,
                                  allow_empty_collection=True)
    sync_window = Parameter("int", default=2147483647, validate_range=(0, 2147483647))
    property = Parameter("object[]")
    exclude_different = Parameter("switch")
    include_equal = Parameter("switch")
    pass_thru = Parameter("switch")
    culture = Parameter("string")
    case_sensitive = Parameter("switch")

    def begin_processing(self):
        # BeginProcessing (pwsh 7): -ExcludeDifferent turns -IncludeEqual on unless it is given as $false
        self._include_equal = bool(self.include_equal)
        if self.exclude_different and not (self.is_bound("IncludeEqual") and not self.include_equal):
            self._include_equal = True
        self._specs: Optional[list] = None
        self._comparer: Optional[EntryComparer] = None
        self._ref_entries: Optional[list] = None
        self._ref_index = 0
        self._ref_backlog: list = []
        self._diff_backlog: list = []
        self._props = _as_list(self.property)

    def _entries(self, objects: list) -> list:
        return [order_entry(self, o, self._specs, i) for i, o in enumerate(objects)]

    def _init(self, refs: list) -> None:
        if self._comparer is not None:
            return
        props = self._props
        if not props and refs:
            props = default_key_property_set(refs[0]) or []
        specs = process_parameters(self, props, GROUP_KEYS) if props else []
        self._specs = expand_wildcard_specs(specs, refs)
        self._ref_entries = self._entries(refs)
        width = max((len(e.values) for e in self._ref_entries), default=1) or 1
        self._comparer = EntryComparer([True] * width, bool(self.case_sensitive))

    def process_record(self):
        refs = [x for x in _as_list(self.reference_object)]
        diffs = [x for x in _as_list(self.difference_object)]
        if not refs:
            if diffs:
                if self._specs is None:
                    props = self._props
                    specs = process_parameters(self, props, GROUP_KEYS) if props else []
                    self._specs = expand_wildcard_specs(specs, diffs)
                for e in self._entries(diffs):
                    self._emit_difference(e)
            return
        if not diffs:
            self._init(refs)
            self._process(None)
            return
        self._init(refs)
        for e in self._entries(diffs):
            self._process(e)

    def _process(self, diff: Optional[OrderEntry]) -> None:
        ref = None
        if self._ref_index < len(self._ref_entries):
            ref = self._ref_entries[self._ref_index]
            self._ref_index += 1
        cmp = self._comparer
        if ref is not None and diff is not None and cmp.compare(ref, diff) == 0:
            self._emit_match(ref)
            return
        m = self._match_and_remove(diff, self._ref_backlog)
        if m is not None:
            self._emit_match(m)
            diff = None
        m = self._match_and_remove(ref, self._diff_backlog)
        if m is not None:
            self._emit_match(ref)
            ref = None
        window = self.sync_window
        if diff is not None:
            if window > 0:
                while len(self._diff_backlog) >= window:
                    self._emit_difference(self._diff_backlog.pop(0))
                self._diff_backlog.append(diff)
            else:
                self._emit_difference(diff)
        if ref is not None:
            if window > 0:
                while len(self._ref_backlog) >= window:
                    self._emit_reference(self._ref_backlog.pop(0))
                self._ref_backlog.append(ref)
            else:
                self._emit_reference(ref)

    def _match_and_remove(self, entry: Optional[OrderEntry], backlog: list) -> Optional[OrderEntry]:
        if entry is None:
            return None
        for i, other in enumerate(backlog):
            if self._comparer.compare(entry, other) == 0:
                return backlog.pop(i)
        return None

    def end_processing(self):
        if self._ref_entries is not None:
            while self._ref_index < len(self._ref_entries):
                self._process(None)
        for e in self._diff_backlog:
            self._emit_difference(e)
        self._diff_backlog.clear()
        for e in self._ref_backlog:
            self._emit_reference(e)
        self._ref_backlog.clear()

    def _emit_match(self, e: OrderEntry) -> None:
        if self._include_equal:
            self._emit(e, "==")

    def _emit_difference(self, e: OrderEntry) -> None:
        if not self.exclude_different:
            self._emit(e, "=>")

    def _emit_reference(self, e: OrderEntry) -> None:
        if not self.exclude_different:
            self._emit(e, "<=")

    def _emit(self, e: OrderEntry, side: str) -> None:
        if self.pass_thru:
            obj = e.obj
            if not isinstance(obj, PSObject):
                obj = PSObject(type_names=type_names(obj), base=obj)
            obj.remove_property("SideIndicator")
            obj.add_property("SideIndicator", side)
            self.write_object(obj)
            return
        result = PSObject()
        if not self._props:
            result.add_property("InputObject", e.obj)
        else:
            for i, spec in enumerate(self._specs or []):
                name = str(spec.expr)
                if result.has_property(name):
                    continue
                v = e.values[i] if i < len(e.values) else None
                result.add_property(name, None if v is MISSING else v)
        result.remove_property("SideIndicator")
        result.add_property("SideIndicator", side)
        self.write_object(result)


# ------------------------------------------------------------------------------------------------
# Tee-Object

@cmdlet("Tee-Object", default_set="File")
class TeeObject(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    file_path = Parameter("string", position=0, mandatory=True, sets=("File",), aliases=("Path",))
    literal_path = Parameter("string", mandatory=True, sets=("LiteralFile",), aliases=("PSPath", "LP"))
    append = Parameter("switch", sets=("File", "LiteralFile"))
    encoding = Parameter("string", sets=("File", "LiteralFile"))
    variable = Parameter("string", mandatory=True, sets=("Variable",))

    def begin_processing(self):
        self._items: list = []
        self._formatter = None
        self._file = None
        if self.parameter_set in ("File", "LiteralFile"):
            path = self.file_path if self.parameter_set == "File" else self.literal_path
            from pslark.runtime.cmdlets.data import open_text_writer, provider_path
            full = provider_path(self, path)
            self._file = open_text_writer(self, full, self.encoding, bool(self.append))
            from pslark.runtime.formatting import OutDefault
            self._formatter = OutDefault(width=max(1, self.ctx.host.width - 1), ansi=False)

    def _resolve(self, path: str) -> str:
        try:
            return self.ctx.session.resolve_path(path)
        except Exception:
            import os
            return os.path.join(self.ctx.location, path)

    def process_record(self):
        obj = self.input_object
        if obj is AUTOMATION_NULL:
            return
        if self._file is not None:
            for line in self._formatter.write(obj):
                self._file.write(line + "\n")
        else:
            self._items.append(obj)
        self.write_object(obj)

    def end_processing(self):
        if self._file is not None:
            for line in self._formatter.close():
                self._file.write(line + "\n")
            self._file.close()
            self._file = None
            return
        if self.parameter_set == "Variable":
            items = self._items
            value = None if not items else (items[0] if len(items) == 1 else list(items))
            self.ctx.session.set_variable(self.variable, value)

    def stop_processing(self):
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass


# ------------------------------------------------------------------------------------------------
# Get-Member

class MemberDefinition:
    """Microsoft.PowerShell.Commands.MemberDefinition."""

    type_names = [NS + "MemberDefinition", "System.Object"]
    ps_properties = ("TypeName", "Name", "MemberType", "Definition")

    def __init__(self, type_name: str, name: str, member_type: str, definition: str):
        self.TypeName = type_name
        self.Name = name
        self.MemberType = member_type
        self.Definition = definition

    def ps_get(self, name: str):
        n = name.casefold()
        for p in self.ps_properties:
            if p.casefold() == n:
                return getattr(self, p)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self.Definition


MEMBER_TYPES = {
    "AliasProperty": 1, "CodeProperty": 2, "Property": 4, "NoteProperty": 8, "ScriptProperty": 16,
    "Properties": 31, "PropertySet": 32, "Method": 64, "CodeMethod": 128, "ScriptMethod": 256, "Methods": 448,
    "ParameterizedProperty": 512, "MemberSet": 1024, "Event": 2048, "Dynamic": 4096, "InferredProperty": 8192,
    "All": 16383,
}


def _member_mask(value: Any) -> int:
    if value is None:
        return MEMBER_TYPES["All"]
    mask = 0
    for item in _as_list(value):
        for part in str(base_of(item)).split(","):
            part = part.strip()
            if not part:
                continue
            if part.isdigit():
                mask |= int(part)
                continue
            for k, v in MEMBER_TYPES.items():
                if k.casefold() == part.casefold():
                    mask |= v
                    break
            else:
                raise PSInvalidCastException(
                    f'Cannot convert value "{part}" to type "System.Management.Automation.PSMemberTypes". Error: '
                    f'"Unable to match the identifier name {part} to a valid enumerator name. Specify one of the '
                    f'following enumerator names and try again:\n{", ".join(MEMBER_TYPES)}"')
    return mask


def _members_of(value: Any, static: bool) -> list:
    """[(name, member type, definition)] from the value layer."""
    from pslark.runtime import members
    getter = getattr(members, "get_static_members", None) if static else None
    raw = getter(value) if getter is not None else members.get_members(value)
    out = []
    for m in raw or []:
        if isinstance(m, (tuple, list)):
            name, mtype, definition = (list(m) + [None, None, None])[:3]
        else:
            name = getattr(m, "name", None) or getattr(m, "Name", None)
            mtype = getattr(m, "member_type", None) or getattr(m, "MemberType", None)
            definition = getattr(m, "definition", None) or getattr(m, "Definition", None)
        out.append((str(name), str(mtype), "" if definition is None else str(definition)))
    return out


@cmdlet("Get-Member", aliases=("gm",))
class GetMember(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    name = Parameter("string[]", position=0, validate_not_null_or_empty=True)
    member_type = Parameter("object", aliases=("Type",))
    view = Parameter("string")
    static = Parameter("switch")
    force = Parameter("switch")

    def begin_processing(self):
        self._seen = set()
        try:
            self._mask = _member_mask(self.member_type)
        except PSInvalidCastException as exc:
            self.throw_terminating(self.error_record(f"Cannot bind parameter 'MemberType'. {exc.message}",
                                                     "CannotConvertArgumentNoMessage", "InvalidArgument", None, exc))

    def process_record(self):
        obj = self.input_object
        if is_null(obj):
            return
        obj = with_instance_members(obj)
        if self.static:
            b = base_of(obj)
            full = getattr(b, "full_name", None)
            tname = full if isinstance(full, str) and hasattr(b, "invoke_static") else dotnet_type_name(obj)
        else:
            names = type_names(obj)
            tname = names[0] if names else "<null>"
        if tname in self._seen:
            return
        self._seen.add(tname)
        patterns = [str(n) for n in _as_list(self.name)] or ["*"]
        members = _members_of(obj, bool(self.static))
        if self.force and not self.static:
            members = members + _accessor_methods(members) + _intrinsic_members(obj, members)
        for pattern in patterns:
            found = []
            for name, mtype, definition in members:
                if not wildcard_match(pattern, name):
                    continue
                bit = MEMBER_TYPES.get(mtype, 0)
                if bit and not (bit & self._mask):
                    continue
                if not self.force and mtype == "Method" and _is_special_method(name):
                    continue
                found.append(MemberDefinition(tname, name, mtype, definition))
            found.sort(key=lambda m: (m.MemberType.casefold(), m.Name.casefold()))
            for m in found:
                self.write_object(m)

    def end_processing(self):
        if not self._seen:
            msg = "You must specify an object for the Get-Member cmdlet."
            self.write_error(self.error_record(msg, "NoObjectInGetMember", "CloseError", None,
                                               InvalidOperationException(msg)))


def _intrinsic_members(obj: Any, members: list) -> list:
    """The hidden members -Force shows: the psobject/psbase/psadapted/psextended member sets and pstypenames."""
    names = [n for n, _, _ in members]
    notes = [n for n, t, _ in members if t in ("NoteProperty", "ScriptProperty", "AliasProperty", "CodeProperty",
                                                "ScriptMethod", "CodeMethod")]
    adapted = [n for n in names if n not in notes]
    out = [
        ("pstypenames", "CodeProperty", "System.Collections.ObjectModel.Collection`1[[System.String, "
                                        "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, "
                                        "PublicKeyToken=7cec85d7bea7798e]] pstypenames{get=PSTypeNames;}"),
        ("psadapted", "MemberSet", "psadapted {" + ", ".join(adapted) + "}"),
        ("psbase", "MemberSet", "psbase {" + ", ".join(adapted) + "}"),
        ("psextended", "MemberSet", "psextended {" + ", ".join(notes) + "}"),
        ("psobject", "MemberSet", "psobject {BaseObject, Members, Properties, Methods, ImmediateBaseObject, "
                                  "TypeNames, get_BaseObject, get_Members, get_Properties, get_Methods, "
                                  "get_ImmediateBaseObject, get_TypeNames, ToString, Copy, CompareTo, Equals, "
                                  "GetHashCode, GetType}"),
    ]
    return [m for m in out if m[0] not in names]


def _accessor_methods(members: list) -> list:
    """The get_/set_ accessor methods of the adapted .NET properties (hidden special-name methods -Force shows)."""
    import re
    have = {n.casefold() for n, _, _ in members}
    out = []
    for name, mtype, definition in members:
        if mtype not in ("Property", "ParameterizedProperty"):
            continue
        m = re.match(r"^(\S+)\s+" + re.escape(name) + r"(\(.*?\))?\s*\{(.*)\}\s*$", str(definition))
        if not m:
            continue
        ptype, params, access = m.group(1), (m.group(2) or "()"), m.group(3)
        inner = params[1:-1]
        if "get;" in access and "get_" + name.casefold() not in have:
            out.append(("get_" + name, "Method", f"{ptype} get_{name}{params}"))
        if "set;" in access and "set_" + name.casefold() not in have:
            args = (inner + ", " if inner else "") + f"{ptype} value"
            out.append(("set_" + name, "Method", f"void set_{name}({args})"))
    return out


def _is_special_method(name: str) -> bool:
    n = name.casefold()
    return n.startswith(("get_", "set_", "add_", "remove_", "op_"))


# ------------------------------------------------------------------------------------------------
# New-Object

# [pscustomobject] is an accelerator for PSObject; the PSCustomObject class itself has no public constructor
_PSOBJECT_NAMES = {"psobject", "system.management.automation.psobject", "pscustomobject"}


@cmdlet("New-Object", default_set="Net")
class NewObject(Cmdlet):
    # pwsh on Linux has no -ComObject / -Strict (they are Windows-only), so they are not declared here either
    type_name = Parameter("string", position=0, mandatory=True, sets=("Net",))
    argument_list = Parameter("object[]", position=1, sets=("Net",), aliases=("Args",))
    property = Parameter("object")

    def process_record(self):
        name = (self.type_name or "").strip()
        args = _as_list(self.argument_list)
        key = name.casefold()
        if key == "system.management.automation.pscustomobject":
            msg = f"A constructor was not found. Cannot find an appropriate constructor for type {name}."
            self.throw_terminating(self.error_record(msg, "CannotFindAppropriateCtor", "ObjectNotFound", None,
                                                     PSArgumentException(msg)))
        if key in _PSOBJECT_NAMES:
            result = PSObject()
            if key.endswith("psobject") and args:
                inner = args[0]
                result = inner if isinstance(inner, PSObject) else PSObject(type_names=type_names(inner), base=inner)
        else:
            result = self._construct(name, args)
        if self.property is not None:
            result = self._set_properties(result)
        self.write_object(result)

    def _type_not_found(self, name: str) -> None:
        msg = f"Cannot find type [{name}]: verify that the assembly containing this type is loaded."
        self.throw_terminating(self.error_record(msg, "TypeNotFound", "InvalidType", None, PSArgumentException(msg)))

    def _construct(self, name: str, args: list) -> Any:
        local = _local_constructor(name, args)
        if local is not None:
            return local
        from pslark.runtime.types import resolve_type
        if name.endswith("[]"):
            return self._new_array(name[:-2], args)
        try:
            t = resolve_type(name)
        except Exception:   # the type layer may not know the syntax: the type is not found
            t = None
        if t is None:
            self._type_not_found(name)
        if not args:
            default = _value_type_default(t)
            if default is not None:
                # Activator.CreateInstance of a struct without a parameterless constructor: its default value
                return default
        try:
            return t.new(list(args))
        except PSException as exc:
            self.throw_terminating(ErrorRecord(exc, f"ConstructorInvokedThrowException,{self.fq_suffix()}",
                                               "InvalidOperation", None, self.invocation))
        except (NotImplementedError, TypeError, ValueError):
            msg = f"A constructor was not found. Cannot find an appropriate constructor for type {name}."
            self.throw_terminating(self.error_record(msg, "CannotFindAppropriateCtor", "ObjectNotFound", None,
                                                     PSArgumentException(msg)))

    def _new_array(self, element: str, args: list) -> list:
        from pslark.runtime.conversion import to_int
        from pslark.runtime.types import resolve_type
        try:
            t = resolve_type(element)
        except Exception:   # unknown element type
            t = None
        if t is None:
            self._type_not_found(element + "[]")
        size = to_int(base_of(args[0])) if args else 0
        default = None
        try:
            bare = element.casefold().removeprefix("system.")
            default = t.convert(0) if bare not in ("string", "object", "psobject") else None
        except Exception:   # a type with no numeric default: null elements
            default = None
        return [default] * size

    def _set_properties(self, result: Any) -> Any:
        items = _dictionary_items(self.property)
        if items is None:
            return result
        from pslark.runtime import members
        for k, v in items:
            key = to_str(k)
            if isinstance(result, PSObject) and result.base is None:
                result.set_property(key, v)
                continue
            found, _ = get_property(result, key)
            if not found and not isinstance(result, PSObject):
                tn = dotnet_type_name(result)
                msg = f'The member "{key}" was not found for the specified {tn} object.'
                # pwsh's New-Object stops here (ThrowTerminatingError), as for a value the member refuses
                self.throw_terminating(self.error_record(msg, "InvalidOperationException", "InvalidOperation", None,
                                                         InvalidOperationException(msg)))
            try:
                members.set_member(result, key, v)
            except PSException as exc:
                self.throw_terminating(self.error_record(exc.message, "SetValueException", "InvalidData", None, exc))
        return result


_VALUE_TYPE_ZEROS = ("System.Char", "System.Byte", "System.SByte", "System.Int16", "System.UInt16", "System.Int32",
                     "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double",
                     "System.Decimal", "System.IntPtr", "System.UIntPtr")


def _value_type_default(t: Any) -> Any:
    """default(T) for the modelled structs New-Object can create without arguments, else None."""
    import datetime
    import uuid
    full = str(getattr(t, "full_name", "") or "")
    try:
        if full in _VALUE_TYPE_ZEROS:
            return t.convert(0)
        if full == "System.Boolean":
            return False
        if full == "System.DateTime":
            return datetime.datetime(1, 1, 1)
        if full == "System.TimeSpan":
            return datetime.timedelta(0)
        if full == "System.Guid":
            return uuid.UUID(int=0)
    except Exception:   # noqa: BLE001 - let the constructor path report it
        return None
    return None


def _local_constructor(name: str, args: list) -> Any:
    """Constructors the cmdlet knows without the type layer (the common ones in tutorials)."""
    key = name.casefold()
    if key.startswith("system."):
        key = key[len("system."):]
    if key in ("collections.arraylist", "arraylist"):
        items = []
        if args and isinstance(base_of(args[0]), (list, tuple)):
            items = list(base_of(args[0]))
        return PSList(items, type_name="System.Collections.ArrayList")
    if key in ("collections.hashtable", "hashtable"):
        return Hashtable()
    if key in ("collections.specialized.ordereddictionary",):
        return OrderedDictionary()
    if key in ("object",):
        return PSObject(type_names=["System.Object"], base=object())
    return None


# ------------------------------------------------------------------------------------------------
# Get-Random

def _runspace_random(ctx, seed: Optional[int] = None):
    import random
    gen = getattr(ctx, "_pslark_random", None)
    if seed is not None:
        gen = random.Random(seed)
        ctx._pslark_random = gen
    elif gen is None:
        gen = random.Random()
        ctx._pslark_random = gen
    return gen


def _number_kind(value: Any) -> str:
    b = base_of(value)
    if isinstance(b, bool):
        return "int"
    if isinstance(b, float):
        return "double"
    if isinstance(b, int):
        from pslark.runtime.numbers import dotnet_type_name as dtn
        tn = dtn(b)
        if tn in ("System.Int64", "System.UInt32", "System.UInt64"):
            return "long"
        return "int" if -2**31 <= b < 2**31 else "long"
    if isinstance(b, str):
        from pslark.runtime.conversion import parse_number
        try:
            n = parse_number(b)
        except Exception:
            n = None
        if n is None:
            return "error"
        return _number_kind(n)
    try:
        import decimal
        if isinstance(b, decimal.Decimal):
            return "double"
    except Exception:
        pass
    return "error"


class _RandomCommand(Cmdlet):
    """GetRandomCommandBase: what Get-Random and Get-SecureRandom share."""

    maximum = Parameter("object", position=0, sets=("RandomNumberParameterSet",))
    minimum = Parameter("object", sets=("RandomNumberParameterSet",))
    input_object = Parameter("object[]", position=0, mandatory=True, pipeline=True,
                             sets=("RandomListItemParameterSet", "ShuffleParameterSet"), allow_null=True)
    count = Parameter("int", sets=("RandomNumberParameterSet", "RandomListItemParameterSet"),
                      validate_range=(1, 2147483647))
    shuffle = Parameter("switch", mandatory=True, sets=("ShuffleParameterSet",))

    def _generator(self):
        raise NotImplementedError

    def begin_processing(self):
        self._gen = self._generator()
        self._items: list = []
        self._list_mode = self.parameter_set != "RandomNumberParameterSet"
        proc = getattr(self, "processor", None)
        if not self._list_mode and getattr(proc, "expects_input", False) and self.maximum is None \
                and self.minimum is None:
            self._list_mode = True          # GetRandomCommand.EffectiveParameterSet
        if not self._list_mode:
            self._numbers()

    def _numbers(self) -> None:
        from pslark.runtime.conversion import to_double, to_long
        mx, mn = self.maximum, self.minimum
        kinds = {_number_kind(v) for v in (mx, mn) if v is not None}
        if "error" in kinds:
            bad = mx if _number_kind(mx) == "error" else mn
            raise PSInvalidCastException(f'Cannot convert value "{to_str(bad)}" to type "System.Double". Error: '
                                         f'"The input string \'{to_str(bad)}\' was not in a correct format."')
        count = self.count if self.is_bound("Count") else 1
        if "double" in kinds:
            lo = float(to_double(base_of(mn))) if mn is not None else 0.0
            hi = float(to_double(base_of(mx))) if mx is not None else 1.7976931348623157e308
            self._check_range(mn if mn is not None else 0, mx if mx is not None else hi, lo, hi)
            for _ in range(count):
                self.write_object(self._random_double(lo, hi))
            return
        if "long" in kinds:
            lo = int(to_long(base_of(mn))) if mn is not None else 0
            hi = int(to_long(base_of(mx))) if mx is not None else 2**63 - 1
            self._check_range(lo, hi, lo, hi)
            from pslark.runtime.numbers import Int64
            for _ in range(count):
                self.write_object(Int64(self._gen.randrange(lo, hi)))
            return
        from pslark.runtime.conversion import to_int
        lo = int(to_int(base_of(mn))) if mn is not None else 0
        hi = int(to_int(base_of(mx))) if mx is not None else 2147483647
        self._check_range(lo, hi, lo, hi)
        for _ in range(count):
            self.write_object(self._gen.randrange(lo, hi))

    def _random_double(self, lo: float, hi: float) -> float:
        """GetRandomCommand.GetRandomDouble: retry while rounding lands on the (exclusive) maximum."""
        diff = hi - lo
        while True:
            r = self._gen.random()
            if diff == float("inf"):
                value = lo + r * hi - r * lo
            else:
                value = lo + r * diff
                diff *= r
            if value < hi:
                return value

    def _check_range(self, shown_lo, shown_hi, lo, hi) -> None:
        if lo >= hi:
            msg = (f"The Minimum value ({to_text(shown_lo)}) cannot be greater than or equal to the Maximum value "
                   f"({to_text(shown_hi)}).")
            self.throw_terminating(self.error_record(msg, "MinGreaterThanOrEqualMax", "InvalidArgument", None,
                                                     ArgumentException(msg)))

    def process_record(self):
        if not self._list_mode:
            return
        for item in _as_list(self.input_object) if isinstance(self.input_object, list) else [self.input_object]:
            if item is AUTOMATION_NULL:
                continue
            self._items.append(item)

    def end_processing(self):
        if not self._list_mode:
            return
        items = self._items
        if not items:
            return
        if self.parameter_set == "ShuffleParameterSet":
            shuffled = list(items)
            self._gen.shuffle(shuffled)
            for x in shuffled:
                self.write_object(x)
            return
        count = self.count if self.is_bound("Count") else 1
        if count >= len(items):
            chosen = list(items)
            self._gen.shuffle(chosen)
        else:
            chosen = self._gen.sample(items, count)
        for x in chosen:
            self.write_object(x)


# ------------------------------------------------------------------------------------------------
# Get-Unique

@cmdlet("Get-Random", default_set="RandomNumberParameterSet")
class GetRandom(_RandomCommand):
    set_seed = Parameter("int", validate_range=(-2147483648, 2147483647))

    def _generator(self):
        return _runspace_random(self.ctx, self.set_seed if self.is_bound("SetSeed") else None)


@cmdlet("Get-SecureRandom", default_set="RandomNumberParameterSet")
class GetSecureRandom(_RandomCommand):
    """pwsh 7.4: Get-Random's parameters without -SetSeed, drawn from the system's cryptographic generator."""

    def _generator(self):
        import random
        return random.SystemRandom()


@cmdlet("Get-Unique", default_set="AsString")
class GetUnique(Cmdlet):
    input_object = Parameter("psobject", pipeline=True)
    as_string = Parameter("switch", sets=("AsString",))
    on_type = Parameter("switch", sets=("UniqueByType",))
    case_insensitive = Parameter("switch")

    def begin_processing(self):
        self._last: Any = AUTOMATION_NULL
        self._last_text: Optional[str] = None
        self._comparer = ObjectComparer(True, not self.case_insensitive)

    def process_record(self):
        obj = self.input_object
        if obj is AUTOMATION_NULL:
            return
        unique = True
        if self._last is not AUTOMATION_NULL:
            if self.as_string:
                text = to_text(obj)
                if self.case_insensitive:
                    unique = text.casefold() != (self._last_text or "").casefold()
                else:
                    unique = text != self._last_text
            elif self.on_type:
                unique = type_names(obj)[0] != type_names(self._last)[0]
            else:
                unique = self._comparer.compare(obj, self._last) != 0
        if unique:
            self._last = obj
            self._last_text = to_text(obj) if self.as_string else None
            self.write_object(obj)


# ------------------------------------------------------------------------------------------------
# Add-Member (AddMemberCommand)

_MEMBER_TYPE_BITS = {
    "AliasProperty": 1, "CodeProperty": 2, "Property": 4, "NoteProperty": 8, "ScriptProperty": 16,
    "PropertySet": 32, "Method": 64, "CodeMethod": 128, "ScriptMethod": 256, "ParameterizedProperty": 512,
    "MemberSet": 1024, "Event": 2048, "Dynamic": 4096, "InferredProperty": 8192,
}
_ADDABLE_MEMBER_TYPES = ("AliasProperty", "CodeMethod", "CodeProperty", "MemberSet", "NoteProperty",
                         "PropertySet", "ScriptMethod", "ScriptProperty")

# The PSObject that carries the instance members added to a value that is not itself a PSObject (pwsh keeps
# them in a table keyed by the base object, so `Add-Member -InputObject $array ...` twice sees the first one).
_wrappers_by_runspace: Any = None


def _wrapper_table(ctx) -> dict:
    global _wrappers_by_runspace
    import weakref
    if _wrappers_by_runspace is None:
        _wrappers_by_runspace = weakref.WeakKeyDictionary()
    try:
        table = _wrappers_by_runspace.get(ctx)
        if table is None:
            table = {}
            _wrappers_by_runspace[ctx] = table
        return table
    except TypeError:
        return {}


def _keeps_identity(value: Any) -> bool:
    import datetime
    import decimal
    import uuid
    return not isinstance(value, (str, bytes, int, float, bool, tuple, decimal.Decimal, datetime.datetime,
                                  datetime.timedelta, uuid.UUID))


def instance_members_of(ctx, value: Any) -> Optional[PSObject]:
    """The PSObject holding the members Add-Member gave `value` (a non-PSObject) in this runspace, or None."""
    entry = _wrapper_table(ctx).get(id(value))
    if entry is not None and entry[0] is value:
        return entry[1]
    return None


class _PropertySetValue:
    """A PSPropertySet's value: its name and the referenced property names."""

    type_names = ["System.Management.Automation.PSPropertySet", "System.Management.Automation.PSMemberInfo",
                  "System.Object"]
    ps_properties = ("ReferencedPropertyNames", "MemberType", "Value", "TypeNameOfValue", "Name", "IsInstance")

    def __init__(self, name: str, names: list):
        self.name = name
        self.ReferencedPropertyNames = list(names)

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "referencedpropertynames":
            return list(self.ReferencedPropertyNames)
        if key == "name":
            return self.name
        if key == "membertype":
            return "PropertySet"
        if key == "value":
            return self
        if key == "typenameofvalue":
            return "System.Management.Automation.PSPropertySet"
        if key == "isinstance":
            return True
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return f"{self.name} {{{', '.join(self.ReferencedPropertyNames)}}}"

    def __str__(self):
        return self.ps_to_string()


def _validate_note_property_name(binder, param, value, extent) -> None:
    # NotePropertyTransformationAttribute turns numbers into names (so `Add-Member -InputObject $o 23 x` names a
    # note property "23" before -MemberType is tried with coercion); the parameter is typed object here to let the
    # binder's no-coercion positional pass see that, so anything else that is not text goes to other parameters.
    # ValidateNotePropertyNameAttribute: a name that converts to an addable PSMemberTypes value belongs to
    # -MemberType (so positional `Add-Member NoteProperty x 1` binds the MemberSet set)
    raw = base_of(value)
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise binder.error(
            f"Cannot bind parameter 'NotePropertyName'. Cannot convert the \"{to_text(raw)}\" value of type "
            f"\"{type_names(raw)[0]}\" to type \"System.String\".", "CannotConvertArgumentNoMessage", extent)
    if not isinstance(raw, str):
        return
    value = raw
    try:
        from pslark.runtime import types as T
        mt = T.resolve_type("System.Management.Automation.PSMemberTypes").convert(value)
    except Exception:   # noqa: BLE001 - not a member type name: fine
        return
    if str(mt) in _ADDABLE_MEMBER_TYPES:
        raise binder.error(
            "Cannot validate argument on parameter 'NotePropertyName'. The parameter NotePropertyName cannot take "
            "values that could be converted to the type System.Management.Automation.PSMemberTypes. To define the "
            "name of a member with those values, use Add-Member, and specify the member type.",
            "ParameterArgumentValidationError", extent)


@cmdlet("Add-Member", default_set="TypeNameSet")
class AddMember(Cmdlet):
    _ALL = ("MemberSet", "TypeNameSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")
    _MEMBERS = ("MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")
    input_object = Parameter("psobject", mandatory=True, pipeline=True, sets=_ALL)
    member_type = Parameter("System.Management.Automation.PSMemberTypes", mandatory=True, position=0,
                            aliases=("Type",), sets=("MemberSet",))
    name = Parameter("string", mandatory=True, position=1, sets=("MemberSet",))
    value = Parameter("object", position=2, sets=("MemberSet",))
    second_value = Parameter("object", position=3, sets=("MemberSet",))
    type_name = Parameter("string", sets=_ALL, validate_not_null_or_empty=True,
                          per_set={"TypeNameSet": {"mandatory": True}})
    force = Parameter("switch", sets=_MEMBERS)
    pass_thru = Parameter("switch", sets=_ALL)
    note_property_name = Parameter("object", mandatory=True, position=0, sets=("NotePropertySingleMemberSet",),
                                   validate_not_null_or_empty=True, validate_script=_validate_note_property_name)
    note_property_value = Parameter("object", mandatory=True, position=1, sets=("NotePropertySingleMemberSet",),
                                    allow_null=True)
    note_property_members = Parameter("System.Collections.IDictionary", mandatory=True, position=0,
                                      sets=("NotePropertyMultiMemberSet",), validate_not_null_or_empty=True)

    # errors ------------------------------------------------------------------------------------
    _TEXT = {
        "WrongMemberCount": 'To add a member, only one member type can be specified. The member types specified '
                            'are: "{0}"',
        "CannotAddMemberType": 'Cannot add a member with type "{0}". Specify a different type for the MemberTypes '
                               'parameter.',
        "Value2ShouldNotBeSpecified": 'The SecondValue parameter is not necessary for a member of type "{0}", and '
                                      'should not be specified. Do not specify the SecondValue parameter when you '
                                      'add members of this type.',
        "Value1AndValue2AreNotBothNull": 'Both Value and SecondValue parameters should not be null for a member of '
                                         'type "{0}". Specify a non-null value for one of the two parameters.',
        "MemberAlreadyExists": 'Cannot add a member with the name "{0}" because a member with that name already '
                               'exists. To overwrite the member anyway, add the Force parameter to your command.',
        "CannotRemoveTypeDataMember": 'Cannot force the member with name "{0}" and type "{1}" to be added. A member '
                                      'with that name and type already exists, and the existing member is not an '
                                      'instance extension.',
        "Value1ShouldNotBeNull": 'The Value parameter should not be null for a member of type "{0}". Specify a '
                                 'non-null value for the Value parameter when adding members of this type.',
        "Value2ShouldNotBeNull": 'The SecondValue parameter should not be null for a member of type "{0}". Specify '
                                 'a non-null value for the SecondValue parameter when adding members of this type.',
        "NotePropertyNameShouldNotBeNull": "The name for a NoteProperty member should not be null or an empty "
                                           "string.",
        "TypeNameShouldNotBeEmpty": "The TypeName parameter should not be null, empty, or contain only white "
                                    "spaces.",
    }

    def _new_error(self, error_id: str, target: Any, *args) -> ErrorRecord:
        msg = self._TEXT[error_id].format(*args)
        return self.error_record(msg, error_id, "InvalidOperation", target, InvalidOperationException(msg))

    def _fail(self, error_id: str, target: Any = None, *args):
        self.throw_terminating(self._new_error(error_id, target, *args))

    # input ---------------------------------------------------------------------------------------
    def _target(self) -> PSObject:
        obj = self.input_object
        if isinstance(obj, PSObject):
            return obj
        if not _keeps_identity(obj):
            # a value type (or a Python-interned string): members live on this wrapper only
            return PSObject(type_names=list(type_names(obj)), base=obj)
        existing = instance_members_of(self.ctx, obj)
        if existing is not None:
            return existing
        wrapper = PSObject(type_names=list(type_names(obj)), base=obj)
        _wrapper_table(self.ctx)[id(obj)] = (obj, wrapper)
        return wrapper

    def process_record(self):
        if self.type_name is not None and not str(self.type_name).strip():
            self._fail("TypeNameShouldNotBeEmpty", self.type_name)
        target = self._target()
        ps = self.parameter_set
        if ps == "TypeNameSet":
            self._update_type_names(target)
            if self.pass_thru:
                self.write_object(target)
            return
        if ps == "NotePropertyMultiMemberSet":
            added = False
            items = self.note_property_members
            pairs = items.items() if hasattr(items, "items") else []
            for key, value in pairs:
                name = "" if key is None else to_text(key)
                if not name:
                    self.write_error(self._new_error("NotePropertyNameShouldNotBeNull", name))
                    continue
                if self._add(target, name, "NoteProperty", lambda t, n=name, v=value: t.add_property(n, v)):
                    added = True
            if added and self.type_name is not None:
                self._update_type_names(target)
            if added and self.pass_thru:
                self.write_object(target)
            return
        if ps == "NotePropertySingleMemberSet":
            name, value = to_text(base_of(self.note_property_name)), self.note_property_value
            adder = lambda t: t.add_property(name, value)   # noqa: E731
            kind = "NoteProperty"
        else:
            name = self.name
            kind, adder = self._member_from_type()
        if not self._add(target, name, kind, adder):
            return
        if self.type_name is not None:
            self._update_type_names(target)
        if self.pass_thru:
            self.write_object(target)

    # members ---------------------------------------------------------------------------------------
    def _member_from_type(self):
        mt = self.member_type
        try:
            bits = int(mt)
        except (TypeError, ValueError):
            bits = _MEMBER_TYPE_BITS.get(str(mt), 0)
        text = str(mt)
        if bin(bits).count("1") != 1:
            self._fail("WrongMemberCount", None, text)
        if text not in _ADDABLE_MEMBER_TYPES:
            self._fail("CannotAddMemberType", None, text)
        return text, getattr(self, "_get_" + text.lower())()

    def _v1_specified(self) -> bool:
        return self.is_bound("Value")

    def _v2_specified(self) -> bool:
        return self.is_bound("SecondValue")

    def _ensure_v2_not_specified(self):
        if self._v2_specified():
            self._fail("Value2ShouldNotBeSpecified", None, str(self.member_type))

    def _ensure_v1_not_null(self):
        if is_null(self.value):
            self._fail("Value1ShouldNotBeNull", None, str(self.member_type))

    def _ensure_v2_not_null(self):
        if is_null(self.second_value):
            self._fail("Value2ShouldNotBeNull", None, str(self.member_type))

    def _ensure_not_both_null(self):
        if is_null(self.value) and (not self._v2_specified() or is_null(self.second_value)):
            self._fail("Value1AndValue2AreNotBothNull", None, str(self.member_type))

    def _convert(self, value: Any, type_name: str, error_id: Optional[str] = None) -> Any:
        from pslark.runtime import conversion as C
        from pslark.runtime import types as T
        try:
            return C.convert_to(value, T.resolve_type(type_name))
        except PSException as exc:
            rec = self.error_record(exc.message, error_id or getattr(exc, "error_id", None)
                                    or "ConvertToFinalInvalidCastException", "NotSpecified", None, exc)
            self.throw_terminating(rec)

    def _cast_failure(self, value: Any, type_full_name: str):
        msg = (f'Cannot convert the "{to_text(value)}" value of type "{type_names(value)[0]}" to type '
               f'"{type_full_name}".')
        self.throw_terminating(self.error_record(msg, "ConvertToFinalInvalidCastException", "NotSpecified", None,
                                                 PSInvalidCastException(msg)))

    def _script_block(self, value: Any):
        from pslark.runtime.scriptblock import ScriptBlock
        v = base_of(value)
        if isinstance(v, ScriptBlock):
            return v
        self._cast_failure(v, "System.Management.Automation.ScriptBlock")

    def _get_aliasproperty(self):
        self._ensure_v1_not_null()
        from pslark.runtime import members
        target_name = to_text(self.value)
        conv_type = None
        if self._v2_specified():
            self._ensure_v2_not_null()
            conv_type = self._convert(self.second_value, "type", "InvalidCastFromStringToType")
        name = self.name

        def getter(obj, _n=target_name, _t=conv_type):
            v = members.get_member(obj, _n)
            if _t is not None:
                from pslark.runtime import conversion as C
                v = C.convert_to(v, _t)
            return v

        def setter(obj, v, _n=target_name):
            members.set_member(obj, _n, v)
        return lambda t: t.add_property(name, target_name, getter=getter, setter=setter,
                                        member_type="AliasProperty")

    def _get_codemethod(self):
        self._ensure_v1_not_null()
        self._ensure_v2_not_specified()
        self._cast_failure(base_of(self.value), "System.Reflection.MethodInfo")

    def _get_codeproperty(self):
        self._ensure_not_both_null()
        v = self.value if not is_null(self.value) else self.second_value
        self._cast_failure(base_of(v), "System.Reflection.MethodInfo")

    def _get_memberset(self):
        self._ensure_v2_not_specified()
        name = self.name
        inner = PSObject(type_names=["System.Management.Automation.PSMemberSet",
                                     "System.Management.Automation.PSMemberInfo", "System.Object"])
        if self._v1_specified() and not is_null(self.value):
            from pslark.runtime.objects import PSNoteProperty
            items = base_of(self.value)
            items = items if isinstance(items, (list, tuple)) else [items]
            for m in items:
                m = base_of(m)
                if not isinstance(m, PSNoteProperty):
                    self._cast_failure(base_of(self.value), "System.Collections.ObjectModel.Collection`1"
                                       "[System.Management.Automation.PSMemberInfo]")
                inner._props[m.name.casefold()] = m
        return lambda t: t.add_property(name, inner, member_type="MemberSet")

    def _get_noteproperty(self):
        self._ensure_v2_not_specified()
        name, value = self.name, self.value
        return lambda t: t.add_property(name, value)

    def _get_propertyset(self):
        self._ensure_v2_not_specified()
        self._ensure_v1_not_null()
        raw = base_of(self.value)
        names = [to_text(x) for x in (raw if isinstance(raw, (list, tuple)) else [raw])]
        name = self.name
        pset = _PropertySetValue(name, names)
        return lambda t: t.add_property(name, pset, member_type="PropertySet")

    def _get_scriptmethod(self):
        self._ensure_v2_not_specified()
        self._ensure_v1_not_null()
        sb = self._script_block(self.value)
        name = self.name

        def add(t):
            if t.methods is None:
                t.methods = {}
            t.methods[name.casefold()] = (name, sb)
        return add

    def _get_scriptproperty(self):
        self._ensure_not_both_null()
        get_sb = self._script_block(self.value) if not is_null(self.value) else None
        set_sb = self._script_block(self.second_value) if self._v2_specified() and not is_null(
            self.second_value) else None
        getter = setter = None
        if get_sb is not None:
            def getter(obj, _sb=get_sb):
                out = _sb.invoke_with(args=[], this=obj)
                return None if not out else (out[0] if len(out) == 1 else list(out))
        if set_sb is not None:
            def setter(obj, value, _sb=set_sb):
                _sb.invoke_with(args=[value], this=obj)
        name = self.name

        def add(t):
            t.add_property(name, (get_sb, set_sb), getter=getter, setter=setter, member_type="ScriptProperty")
        return add

    # adding ------------------------------------------------------------------------------------------
    def _existing_member(self, target: PSObject, name: str) -> Optional[tuple]:
        """(member type, is instance) of the member called `name`, or None."""
        key = name.casefold()
        entry = target.property_entry(name)
        if entry is not None:
            return entry.member_type or "NoteProperty", True
        if target.methods:
            for k, m in target.methods.items():
                mname = m[0] if isinstance(m, tuple) else str(k)
                if mname.casefold() == key:
                    return "ScriptMethod", True
        from pslark.runtime import members
        try:
            listing = members.get_members(target)
        except Exception:   # noqa: BLE001
            listing = []
        for mname, kind, _definition in listing:
            if str(mname).casefold() == key:
                # members from type data (ScriptProperty/AliasProperty/CodeProperty of the type) are not instance
                # extensions; adapted .NET members are
                return str(kind), kind not in ("ScriptProperty", "AliasProperty", "CodeProperty", "ScriptMethod",
                                               "CodeMethod", "PropertySet", "MemberSet")
        return None

    def _add(self, target: PSObject, name: str, kind: str, adder: Callable) -> bool:
        previous = self._existing_member(target, name)
        if previous is not None:
            if not self.force:
                self.write_error(self._new_error("MemberAlreadyExists", target, name))
                return False
            prev_kind, is_instance = previous
            if not is_instance:
                self.write_error(self._new_error("CannotRemoveTypeDataMember", target, name, prev_kind))
                return False
            target.remove_property(name)
            if target.methods:
                for k in [k for k, m in target.methods.items()
                          if (m[0] if isinstance(m, tuple) else str(k)).casefold() == name.casefold()]:
                    del target.methods[k]
        adder(target)
        return True

    def _update_type_names(self, target: PSObject) -> None:
        name = self.type_name
        try:
            from pslark.runtime import types as T
            t = T.resolve_type(name)
            if t is not None:
                name = t.full_name
        except Exception:   # noqa: BLE001 - not a type: the name as given
            pass
        target.type_names.insert(0, name)
