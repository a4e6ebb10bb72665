"""Type literals ([int], [string], [System.IO.Path] ...): resolution, conversion and static members.

`resolve_type(name)` turns a type name (accelerator, full name, `System.`-less name, generic `List[int]`,
array `int[]`) into a PSType; `type_of(value)` gives the type of a value (`.GetType()`). A PSType knows its
.NET names and base type, tests values (`-is`), converts them (casts, `-as`, typed variables and parameters)
and exposes static members (`[math]::Round`, `[int]::MaxValue`, `[datetime]::new(...)`).

The modelled .NET objects that only exist through a type (StringBuilder, Stopwatch, Version, Uri, the
generic collections, ...) are defined here too; their instance members are declared with `NetMethod`
tables that members.py dispatches to. Method calls follow pwsh: argument-count errors, argument-conversion
errors and exceptions inside the method wrapped as MethodInvocationException ("Exception calling ...").
"""
from __future__ import annotations

import datetime
import decimal
import math
import os
import threading
import uuid
from typing import Any, Callable, Iterable, Optional

from pslark.runtime import conversion as C
from pslark.runtime import errors as E
from pslark.runtime.errors import (ArgumentException, ArgumentNullException, ArgumentOutOfRangeException,
                                   FormatException, InvalidOperationException, MethodException,
                                   MethodInvocationException, OverflowException, PSException,
                                   PSInvalidCastException, RuntimeException)
from pslark.runtime.numbers import (INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, BigInteger, Byte, EnumValue, Int16,
                                    Int64, SByte, Single, UInt16, UInt32, UInt64, _TypedInt)
from pslark.runtime.objects import (AUTOMATION_NULL, Hashtable, OrderedDictionary, PSChar, PSList, PSObject,
                                    PSCUSTOMOBJECT)

_Dec = decimal.Decimal
CORELIB = "System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e"
SMA = "System.Management.Automation, Version=7.4.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35"


# ==============================================================================================
# Method machinery shared with members.py

class ArgConversionError(PSException):
    """An argument that cannot be converted to a method parameter's type (turned into pwsh's message)."""

    def __init__(self, value: Any, param: str, type_name: str, inner: str):
        super().__init__(inner)
        self.value = value
        self.param = param
        self.type_name = type_name


def _text(v: Any) -> str:
    try:
        return C.to_string(v)
    except PSException:
        return C.type_name_of(v)


def _parse_params(definition: str) -> tuple[int, int]:
    """(minimum, maximum) argument count of one overload definition (maximum -1 = params array)."""
    open_i = definition.find("(")
    close_i = definition.rfind(")")
    inner = definition[open_i + 1:close_i].strip() if open_i >= 0 else ""
    if not inner:
        return 0, 0
    parts, depth, cur = [], 0, []
    for ch in inner:
        if ch in "[<":
            depth += 1
        elif ch in "]>":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    lo, hi = 0, 0
    for p in parts:
        if p.startswith("Params ") or p.startswith("params "):
            hi = -1
            continue
        if " = " in p:
            if hi >= 0:
                hi += 1
            continue
        lo += 1
        if hi >= 0:
            hi += 1
    return lo, hi


class NetMethod:
    """A .NET method as pwsh shows it: overload definitions (for display and the argument-count check) and
    one Python implementation `fn(target, args)` that picks the overload from the arguments."""

    __slots__ = ("name", "overloads", "fn", "_counts", "_min_params", "_void_counts")

    def __init__(self, name: str, overloads: Iterable[str], fn: Callable[[Any, list], Any]):
        self.name = name
        self.overloads = tuple(overloads)
        self.fn = fn
        self._counts: Optional[frozenset] = None       # parsed from the definitions on first call
        self._min_params: Optional[int] = None
        self._void_counts: Optional[frozenset] = None  # argument counts whose overloads all return void

    def _parse(self) -> None:
        counts: set[int] = set()
        min_params: Optional[int] = None
        for d in self.overloads:
            lo, hi = _parse_params(d)
            if hi < 0:
                min_params = lo if min_params is None else min(min_params, lo)
            else:
                counts.update(range(lo, hi + 1))
        self._min_params = min_params
        self._counts = frozenset(counts)

    def accepts(self, n: int) -> bool:
        if not self.overloads:
            return True
        if self._counts is None:
            self._parse()
        if n in self._counts:
            return True
        return self._min_params is not None and n >= self._min_params

    def definition(self) -> str:
        return ", ".join(self.overloads)

    def is_void(self, n: int) -> bool:
        """Whether a call with n arguments returns void (no pipeline output at all, not even $null)."""
        if self._void_counts is None:
            void, other = set(), set()
            for d in self.overloads:
                lo, hi = _parse_params(d)
                counts = range(lo, (hi if hi >= 0 else lo + 8) + 1)
                head = d.split("(", 1)[0].split()
                if not head or "." in head[-1]:
                    continue        # an explicit interface implementation (int IList.Add): not what pwsh calls
                (void if "void" in head[:-1] else other).update(counts)
            self._void_counts = frozenset(void - other)
        return n in self._void_counts


def overload_count_error(name: str, n: int) -> MethodException:
    return MethodException(f'Cannot find an overload for "{name}" and the argument count: "{n}".',
                           error_id="MethodCountCouldNotFindBest", category="NotSpecified")


def method_not_found(type_name: str, name: str, target: Any = None) -> MethodException:
    return MethodException(f"Method invocation failed because [{type_name}] does not contain a method named "
                           f"'{name}'.", error_id="MethodNotFound", category="InvalidOperation", target=target)


def call_net_method(method: NetMethod, target: Any, args: list) -> Any:
    """Run a modelled .NET method with pwsh's error behaviour."""
    n = len(args)
    if not method.accepts(n):
        raise overload_count_error(method.name, n)
    try:
        result = method.fn(target, args)
        if result is None and method.is_void(n):
            return AUTOMATION_NULL
        return result
    except ArgConversionError as e:
        raise MethodException(
            f'Cannot convert argument "{e.param}", with value: "{_text(e.value)}", for "{method.name}" to type '
            f'"{e.type_name}": "{e.message}"', error_id="MethodArgumentConversionInvalidCastArgument",
            category="NotSpecified")
    except MethodException as e:
        raise e
    except PSException as e:
        if getattr(e, "no_method_wrap", False):      # a steppable pipeline's own error goes on as it is
            raise
        raise wrap_method_exception(".ctor" if method.name == "new" else method.name, n, e)
    except RecursionError:
        raise
    except Exception as e:      # noqa: BLE001 - any Python error inside a modelled method is a .NET exception
        raise wrap_method_exception(".ctor" if method.name == "new" else method.name, n, python_exception(e))


def python_exception(e: BaseException) -> PSException:
    """A Python error inside a modelled method as the nearest .NET exception."""
    if isinstance(e, PSException):
        return e
    if isinstance(e, ZeroDivisionError):
        return E.DivideByZeroException("Attempted to divide by zero.")
    if isinstance(e, OverflowError):
        return OverflowException("Arithmetic operation resulted in an overflow.")
    if isinstance(e, FileNotFoundError):
        return E.FileNotFoundException(f"Could not find file '{e.filename}'.")
    if isinstance(e, NotADirectoryError) or isinstance(e, FileNotFoundError):
        return E.DirectoryNotFoundException(f"Could not find a part of the path '{e.filename}'.")
    if isinstance(e, PermissionError):
        return E.UnauthorizedAccessException(f"Access to the path '{e.filename}' is denied.")
    if isinstance(e, IsADirectoryError):
        return E.UnauthorizedAccessException(f"Access to the path '{e.filename}' is denied.")
    if isinstance(e, OSError):
        return E.IOException(e.strerror or str(e))
    if isinstance(e, IndexError):
        return E.IndexOutOfRangeException("Index was outside the bounds of the array.")
    if isinstance(e, KeyError):
        return E.KeyNotFoundException(f"The given key '{e.args[0] if e.args else ''}' was not present in the "
                                      "dictionary.")
    if isinstance(e, UnicodeError):
        return ArgumentException(str(e))
    return ArgumentException(str(e))


def wrap_method_exception(name: str, n: int, inner: PSException) -> MethodInvocationException:
    msg = inner.message
    return MethodInvocationException(f'Exception calling "{name}" with "{n}" argument(s): "{msg}"',
                                     error_id=type(inner).__name__ if type(inner).__module__ == E.__name__
                                     else "DotNetMethodException", category="NotSpecified", inner=inner)


# argument helpers (raise ArgConversionError with the parameter's name)

def _arg_conv(value: Any, conv: Callable[[Any], Any], param: str, type_name: str) -> Any:
    try:
        return conv(value)
    except PSInvalidCastException as e:
        raise ArgConversionError(value, param, type_name, e.message)


def a_int(args: list, i: int, param: str = "value") -> int:
    v = args[i]
    if type(v) is int and INT32_MIN <= v <= INT32_MAX:
        return v
    return _arg_conv(v, C.to_int, param, "System.Int32")


def a_long(args: list, i: int, param: str = "value") -> int:
    v = args[i]
    if type(v) is int:
        return v
    return int(_arg_conv(v, C.to_long, param, "System.Int64"))


def a_double(args: list, i: int, param: str = "value") -> float:
    v = args[i]
    if type(v) is float:
        return v
    return _arg_conv(v, C.to_double, param, "System.Double")


def a_str(args: list, i: int, param: str = "value") -> Optional[str]:
    v = args[i]
    if type(v) is str:
        return v
    if v is None:
        return None
    return _arg_conv(v, C.to_string, param, "System.String")


def a_char(args: list, i: int, param: str = "value") -> str:
    v = args[i]
    if isinstance(v, str) and len(v) == 1:
        return str.__str__(v)
    return str.__str__(_arg_conv(v, C.to_char, param, "System.Char"))


def a_bool(args: list, i: int, param: str = "value") -> bool:
    return C.to_bool(args[i])


def a_obj(args: list, i: int, param: str = "value") -> Any:
    v = args[i]
    if isinstance(v, PSObject) and v.base is not None:
        return v.base
    return v


def is_integer(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, (bool, EnumValue))


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float, _Dec)) and not isinstance(v, bool)


def unwrap(v: Any) -> Any:
    if isinstance(v, PSObject) and v.base is not None:
        return v.base
    return v


# ==============================================================================================
# Type names

def parse_type_name(text: str) -> tuple[str, list, int]:
    """`List[int]` -> ('List', [('int', [], 0)], 0); `int[]` -> ('int', [], 1); `a[b,c][]` handled."""
    s = text.strip()
    if s.startswith("[") and s.endswith("]") and not s.endswith("[]"):
        s = s[1:-1].strip()
    rank = 0
    while True:
        stripped = s.rstrip()
        if stripped.endswith("]"):
            # find the matching '['
            depth, j = 0, len(stripped) - 1
            while j >= 0:
                ch = stripped[j]
                if ch == "]":
                    depth += 1
                elif ch == "[":
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            inside = stripped[j + 1:-1]
            if inside.strip() == "" or set(inside.strip()) <= {","}:
                rank = len(inside.strip()) + 1 if not rank else rank
                s = stripped[:j]
                if rank:
                    # nested array suffixes (int[][]) are rare: keep the outer rank only
                    inner_name, inner_args, inner_rank = parse_type_name(s)
                    if inner_rank:
                        return inner_name, inner_args, inner_rank
                    return inner_name, inner_args, rank
                continue
            # generic arguments
            name = stripped[:j]
            args = _split_generic_args(inside)
            return name.strip(), [parse_type_name(a) for a in args], rank
        return stripped, [], rank


def _split_generic_args(inside: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in inside:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    out = []
    for p in parts:
        p = p.strip()
        if p.startswith("[") and p.endswith("]"):
            p = p[1:-1]
            # assembly-qualified: [System.Int32, System.Private.CoreLib, ...]
            if "," in p and "[" not in p:
                p = p.split(",")[0]
        out.append(p.strip())
    return out


# ==============================================================================================
# PSType

_RUNTIME_TYPE_NAMES = ["System.RuntimeType", "System.Reflection.TypeInfo", "System.Type",
                       "System.Reflection.MemberInfo", "System.Object"]
_RUNTIME_TYPE_PROPERTIES = [
    "Module", "Assembly", "TypeHandle", "DeclaringMethod", "BaseType", "UnderlyingSystemType", "FullName",
    "AssemblyQualifiedName", "Namespace", "GUID", "IsEnum", "IsCollectible", "GenericParameterAttributes",
    "IsSZArray", "GenericParameterPosition", "ContainsGenericParameters", "StructLayoutAttribute", "Name",
    "DeclaringType", "IsArray", "IsByRef", "IsPointer", "IsConstructedGenericType", "IsGenericParameter",
    "IsGenericTypeParameter", "IsGenericMethodParameter", "IsGenericType", "IsGenericTypeDefinition",
    "IsVariableBoundArray", "IsByRefLike", "HasElementType", "GenericTypeArguments", "Attributes", "IsAbstract",
    "IsImport", "IsSealed", "IsSpecialName", "IsClass", "IsNestedAssembly", "IsNestedFamANDAssem",
    "IsNestedFamily", "IsNestedFamORAssem", "IsNestedPrivate", "IsNestedPublic", "IsNotPublic", "IsPublic",
    "IsAutoLayout", "IsExplicitLayout", "IsLayoutSequential", "IsAnsiClass", "IsAutoClass", "IsUnicodeClass",
    "IsCOMObject", "IsContextful", "IsMarshalByRef", "IsPrimitive", "IsValueType", "IsSignatureType",
    "IsSecurityCritical", "IsSecuritySafeCritical", "IsSecurityTransparent", "MemberType", "MetadataToken",
    "ReflectedType", "CustomAttributes", "IsSerializable", "IsInterface"]


class PSType:
    """A .NET type as scripts see it (System.RuntimeType): names, base type, -is, casts and static members."""

    type_names = _RUNTIME_TYPE_NAMES
    ps_properties = _RUNTIME_TYPE_PROPERTIES
    ps_default_display = ("IsPublic", "IsSerial", "Name", "BaseType")

    def __init__(self, full_name: str, *, base: Optional[str] = "System.Object", check: Optional[Callable] = None,
                 convert: Optional[Callable] = None, statics: Optional[dict] = None,
                 methods: Optional[Iterable[NetMethod]] = None, ctor: Optional[Callable] = None,
                 value_type: bool = False, name: Optional[str] = None, display: Optional[str] = None,
                 exception_class: Optional[type] = None, interface: bool = False, abstract: bool = False,
                 sealed: bool = False, serializable: bool = True, assembly: str = CORELIB,
                 element_type: Optional["PSType"] = None, generic_args: tuple = (), is_static_class: bool = False,
                 pytype: Any = None, settable: Optional[dict] = None, instance_members: Any = None):
        self.full_name = full_name
        ns, _, short = full_name.rpartition(".") if "[" not in full_name else (
            full_name.split("`")[0].rpartition(".")[0], "", full_name)
        self.namespace = ns
        self.name = name or short
        self.display = display or full_name
        self._base_name = base
        self._check = check
        self._convert = convert
        self._statics = {k.casefold(): (k, v) for k, v in (statics or {}).items()}
        self._static_methods: dict[str, NetMethod] = {m.name.casefold(): m for m in (methods or ())}
        self._settable = {k.casefold(): v for k, v in (settable or {}).items()}
        self._ctor = ctor
        self.is_value_type = value_type
        self.exception_class = exception_class
        self.is_interface = interface
        self.is_abstract = abstract or is_static_class
        self.is_sealed = sealed or value_type or is_static_class
        self.is_serializable = serializable
        self.assembly = assembly
        self.element_type = element_type
        self.generic_args = tuple(generic_args)
        self.pytype = pytype
        self.instance_members = instance_members

    # identity
    @property
    def is_array(self) -> bool:
        return self.element_type is not None

    @property
    def is_enum(self) -> bool:
        return False

    @property
    def base_type(self) -> Optional["PSType"]:
        if self._base_name is None:
            return None
        return resolve_type(self._base_name)

    def __str__(self):
        return self.display

    def __repr__(self):
        return f"PSType({self.display})"

    def ps_to_string(self) -> str:
        return self.display

    def ToString(self):
        return self.display

    def __eq__(self, other):
        if isinstance(other, PSType):
            return self.full_name == other.full_name
        return NotImplemented

    def __hash__(self):
        return hash(self.full_name)

    def ps_equals(self, other) -> bool:
        other = unwrap(other)
        if isinstance(other, PSType):
            return other.full_name == self.full_name
        if isinstance(other, str):
            t = resolve_type(other)
            return t is not None and t.full_name == self.full_name
        return False

    def ancestors(self) -> list[str]:
        """Full names from this type up to System.Object."""
        out = [self.full_name]
        t = self
        seen = 0
        while t is not None and t._base_name is not None and seen < 20:
            out.append(t._base_name)
            t = resolve_type(t._base_name)
            seen += 1
        if out[-1] != "System.Object" and not self.is_interface:
            out.append("System.Object")
        return out

    # -is
    def is_instance(self, value: Any) -> bool:
        if value is None or value is AUTOMATION_NULL:
            return False
        if self._check is not None:
            if self._check(value):
                return True
            if isinstance(value, PSObject) and value.base is not None:
                return bool(self._check(value.base))
            return False
        names = _value_type_chain(value)
        key = self.full_name
        return key in names

    # casts
    def convert(self, value: Any) -> Any:
        if value is AUTOMATION_NULL:
            value = None
        if self._convert is not None:
            return self._convert(value)
        return self._default_convert(value)

    def _default_convert(self, value: Any) -> Any:
        if value is None:
            if self.is_value_type:
                raise C.cast_error(None, self.full_name)
            return None
        if self.is_instance(value):
            return value
        base = unwrap(value)
        if self._ctor is not None and not isinstance(base, (list, Hashtable)):
            try:
                return self._ctor([base])
            except (PSException, TypeError, ValueError, IndexError):
                pass
        if isinstance(base, Hashtable) and self._ctor is not None:
            return self._from_hashtable(base)
        raise C.cast_error(value, self.display)

    def _from_hashtable(self, table: Hashtable) -> Any:
        obj = self._ctor([])
        from pslark.runtime import members
        for k, v in table.items():
            try:
                members.set_member(obj, C.to_string(k), v)
            except PSException as exc:
                if members.lookup_property(obj, C.to_string(k)) is not members._MISSING:
                    # the property is there but refuses the value
                    raise C.cast_error(table, self.display, f'Cannot create object of type "{self.display}". '
                                       f'{exc.message}', error_id="ObjectCreationError")
                raise C.cast_error(table, self.display,
                                   f'Cannot create object of type "{self.display}". The {C.to_string(k)} property '
                                   f'was not found for the {self.display} object. The available property is: '
                                   f'[{", ".join(getattr(obj, "ps_properties", ()) or ())}]',
                                   error_id="ObjectCreationError")
        return obj

    # static members
    def static_names(self) -> list[str]:
        return [v[0] for v in self._statics.values()]

    def static_methods(self) -> list[NetMethod]:
        return list(self._static_methods.values())

    def has_static(self, name: str) -> bool:
        return name.casefold() in self._statics

    def get_static(self, name: str) -> Any:
        entry = self._statics.get(name.casefold())
        if entry is None:
            m = self._static_methods.get(name.casefold())
            if m is not None:
                from pslark.runtime.members import PSMethodInfo
                return PSMethodInfo(self, m, static=True)
            if name.casefold() == "new" and self._ctor is not None:
                from pslark.runtime.members import PSMethodInfo
                return PSMethodInfo(self, NetMethod("new", self.ctor_definitions(), lambda t, a: self.new(a)),
                                    static=True)
            return None
        value = entry[1]
        if callable(value) and not isinstance(value, (PSType, EnumValue)):
            return value()
        return value

    def set_static(self, name: str, value: Any) -> None:
        setter = self._settable.get(name.casefold())
        if setter is not None:
            setter(value)
            return
        if name.casefold() in self._statics:
            raise RuntimeException(f"'{self._statics[name.casefold()][0]}' is a ReadOnly property.",
                                   error_id="PropertyAssignmentException", category="NotSpecified")
        raise RuntimeException(f"The property '{name}' cannot be found on this object. Verify that the property "
                               "exists and can be set.", error_id="PropertyAssignmentException",
                               category="NotSpecified")

    def invoke_static(self, name: str, args: list) -> Any:
        key = name.casefold()
        m = self._static_methods.get(key)
        if m is None:
            if key == "new":
                return self.new(args)
            if key in ("referenceequals", "equals") and len(args) == 2:
                return _object_static_equals(key, args[0], args[1])
            common = _TYPE_OBJECT_METHODS.get(key)
            if common is not None:
                return call_net_method(common, self, args)
            raise method_not_found(self.display, name)
        return call_net_method(m, None, args)

    def ctor_definitions(self) -> tuple:
        defs = getattr(self._ctor, "definitions", None)
        if defs:
            return tuple(defs)
        return (f"{self.display} new()",)

    def new(self, args: list) -> Any:
        if self._ctor is None:
            if self.is_abstract or self.is_interface:
                raise MethodException(f"Cannot create an instance of the abstract type or interface "
                                      f"[{self.display}].", error_id="CannotInstantiateAbstractType")
            raise method_not_found(self.display, "new")
        defs = getattr(self._ctor, "definitions", None)
        if defs:
            m = NetMethod("new", defs, lambda t, a: self._ctor(a))
            return call_net_method(m, None, list(args))
        try:
            return self._ctor(list(args))
        except (MethodException, ArgConversionError):
            raise
        except PSException as e:
            raise wrap_method_exception(".ctor", len(args), e)
        except (ValueError, TypeError, IndexError, OverflowError) as e:
            raise wrap_method_exception(".ctor", len(args), python_exception(e))

    # RuntimeType properties
    def ps_get(self, name: str) -> Any:
        n = name.casefold()
        getter = _TYPE_PROPS.get(n)
        if getter is None:
            raise AttributeError(name)
        return getter(self)

    def ps_invoke(self, name: str, args: list) -> Any:
        m = _TYPE_OBJECT_METHODS.get(name.casefold())
        if m is None:
            raise AttributeError(name)
        return call_net_method(m, self, args)

    @property
    def assembly_qualified_name(self) -> str:
        return f"{self.full_name}, {self.assembly}"


def _type_base_prop(t: PSType):
    return t.base_type


_TYPE_PROPS: dict[str, Callable[[PSType], Any]] = {
    "name": lambda t: t.name,
    "fullname": lambda t: t.full_name,
    "namespace": lambda t: t.namespace,
    "basetype": _type_base_prop,
    "isarray": lambda t: t.is_array,
    "isszarray": lambda t: t.is_array,
    "isenum": lambda t: t.is_enum,
    "isvaluetype": lambda t: t.is_value_type,
    "isclass": lambda t: not t.is_value_type and not t.is_interface,
    "isinterface": lambda t: t.is_interface,
    "isabstract": lambda t: t.is_abstract or t.is_interface,
    "issealed": lambda t: t.is_sealed,
    "ispublic": lambda t: True,
    "isnotpublic": lambda t: False,
    "isserializable": lambda t: t.is_serializable,
    "isserial": lambda t: t.is_serializable,
    "isprimitive": lambda t: t.full_name in _PRIMITIVES,
    "isgenerictype": lambda t: bool(t.generic_args),
    "isconstructedgenerictype": lambda t: bool(t.generic_args),
    "isgenerictypedefinition": lambda t: False,
    "isgenericparameter": lambda t: False,
    "containsgenericparameters": lambda t: False,
    "haselementtype": lambda t: t.is_array,
    "genericargumenttypes": lambda t: list(t.generic_args),
    "generictypearguments": lambda t: list(t.generic_args),
    "underlyingsystemtype": lambda t: t,
    "assemblyqualifiedname": lambda t: t.assembly_qualified_name,
    "assembly": lambda t: t.assembly,
    "module": lambda t: t.assembly.split(",")[0] + ".dll",
    "membertype": lambda t: "TypeInfo",
    "guid": lambda t: uuid.uuid5(uuid.NAMESPACE_OID, t.full_name),
    "declaringtype": lambda t: None,
    "declaringmethod": lambda t: None,
    "reflectedtype": lambda t: None,
    "isbyref": lambda t: False,
    "ispointer": lambda t: False,
    "iscomobject": lambda t: False,
    "iscollectible": lambda t: False,
    "isbyreflike": lambda t: False,
    "isimport": lambda t: False,
    "isspecialname": lambda t: False,
    "isautolayout": lambda t: not t.is_value_type,
    "islayoutsequential": lambda t: t.is_value_type,
    "isexplicitlayout": lambda t: False,
    "isansiclass": lambda t: True,
    "isautoclass": lambda t: False,
    "isunicodeclass": lambda t: False,
    "iscontextful": lambda t: False,
    "ismarshalbyref": lambda t: False,
    "issignaturetype": lambda t: False,
    "issecuritycritical": lambda t: True,
    "issecuritysafecritical": lambda t: False,
    "issecuritytransparent": lambda t: False,
    "isvariableboundarray": lambda t: False,
    "isgenerictypeparameter": lambda t: False,
    "isgenericmethodparameter": lambda t: False,
    "isnestedassembly": lambda t: False, "isnestedfamandassem": lambda t: False,
    "isnestedfamily": lambda t: False, "isnestedfamorassem": lambda t: False,
    "isnestedprivate": lambda t: False, "isnestedpublic": lambda t: "+" in t.full_name,
    "metadatatoken": lambda t: 33554432 + (hash(t.full_name) & 0xFFFF),
    "typehandle": lambda t: "System.RuntimeTypeHandle",
    "attributes": lambda t: "AutoLayout, AnsiClass, Class, Public, Sealed, Serializable, BeforeFieldInit"
    if t.is_sealed else "AutoLayout, AnsiClass, Class, Public, BeforeFieldInit",
    "customattributes": lambda t: [],
    "structlayoutattribute": lambda t: None,
    "genericparameterattributes": lambda t: None,
    "genericparameterposition": lambda t: None,
    "elementtype": lambda t: t.element_type,
}

_PRIMITIVES = frozenset(("System.Boolean", "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
                         "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Char",
                         "System.Double", "System.Single", "System.IntPtr", "System.UIntPtr"))


def _type_get_element_type(t, args):
    return t.element_type


def _type_get_enum_names(t, args):
    if not t.is_enum:
        raise ArgumentException("Type provided must be an Enum. (Parameter 'enumType')")
    return [n for n, _ in t.members]


def _type_get_enum_values(t, args):
    if not t.is_enum:
        raise ArgumentException("Type provided must be an Enum. (Parameter 'enumType')")
    return [t.value_of(v) for _, v in t.members]


def _type_is_assignable_from(t, args):
    other = unwrap(args[0])
    if not isinstance(other, PSType):
        return False
    return t.full_name in other.ancestors() or t.full_name in _interfaces_of(other.full_name)


def _type_is_subclass_of(t, args):
    other = unwrap(args[0])
    return isinstance(other, PSType) and other.full_name in t.ancestors()[1:]


def _type_is_instance_of_type(t, args):
    return t.is_instance(args[0])


def _type_get_generic_arguments(t, args):
    return list(t.generic_args)


def _type_get_interfaces(t, args):
    return [resolve_type(n) or n for n in _interfaces_of(t.full_name)]


def _type_get_members(kind: str):
    def run(t, args):
        from pslark.runtime.members import static_member_names
        return static_member_names(t, kind)
    return run


def _host_coordinates(args: list) -> Any:
    from pslark.runtime.host import Coordinates
    if not args:
        return Coordinates()
    if len(args) != 2:
        raise overload_count_error("new", len(args))
    return Coordinates(a_int(args, 0, "x"), a_int(args, 1, "y"))


_host_coordinates.definitions = ("System.Management.Automation.Host.Coordinates new()",
                                 "System.Management.Automation.Host.Coordinates new(int x, int y)")


def _host_size(args: list) -> Any:
    from pslark.runtime.host import Size
    if not args:
        return Size(0, 0)
    if len(args) != 2:
        raise overload_count_error("new", len(args))
    return Size(a_int(args, 0, "width"), a_int(args, 1, "height"))


_host_size.definitions = ("System.Management.Automation.Host.Size new()",
                          "System.Management.Automation.Host.Size new(int width, int height)")


def _object_static_equals(key: str, a: Any, b: Any) -> bool:
    """System.Object's statics, reachable through every type: ReferenceEquals(a, b) and Equals(a, b).
    Value types are boxed apart in .NET, so two of them are never the same reference."""
    a, b = unwrap(a), unwrap(b)
    if a is None or b is None:
        return a is b
    if key == "equals":
        return C.equals(a, b, case_sensitive=True) if type(a) is type(b) else False
    if isinstance(a, (bool, int, float, _Dec, datetime.datetime, datetime.timedelta, uuid.UUID)):
        return False
    return a is b


_TYPE_OBJECT_METHODS: dict[str, NetMethod] = {m.name.casefold(): m for m in (
    NetMethod("GetElementType", ("type GetElementType()",), _type_get_element_type),
    NetMethod("GetEnumNames", ("string[] GetEnumNames()",), _type_get_enum_names),
    NetMethod("GetEnumValues", ("array GetEnumValues()",), _type_get_enum_values),
    NetMethod("IsAssignableFrom", ("bool IsAssignableFrom(type c)",), _type_is_assignable_from),
    NetMethod("IsSubclassOf", ("bool IsSubclassOf(type c)",), _type_is_subclass_of),
    NetMethod("IsInstanceOfType", ("bool IsInstanceOfType(System.Object o)",), _type_is_instance_of_type),
    NetMethod("GetGenericArguments", ("type[] GetGenericArguments()",), _type_get_generic_arguments),
    NetMethod("GetInterfaces", ("type[] GetInterfaces()",), _type_get_interfaces),
    NetMethod("GetMethods", ("System.Reflection.MethodInfo[] GetMethods()",), _type_get_members("method")),
    NetMethod("GetProperties", ("System.Reflection.PropertyInfo[] GetProperties()",), _type_get_members("property")),
    NetMethod("ToString", ("string ToString()",), lambda t, a: t.display),
    NetMethod("GetType", ("type GetType()",), lambda t, a: resolve_type("System.RuntimeType")),
    NetMethod("Equals", ("bool Equals(System.Object o)", "bool Equals(type o)"), lambda t, a: t.ps_equals(a[0])),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda t, a: hash(t.full_name) & 0x7FFFFFFF),
)}


_INTERFACES: dict[str, tuple[str, ...]] = {
    "System.Object[]": ("System.Collections.IList", "System.Collections.ICollection", "System.Collections.IEnumerable",
                        "System.ICloneable", "System.Collections.IStructuralComparable",
                        "System.Collections.IStructuralEquatable"),
    "System.Collections.Hashtable": ("System.Collections.IDictionary", "System.Collections.ICollection",
                                     "System.Collections.IEnumerable", "System.ICloneable"),
    "System.Collections.Specialized.OrderedDictionary": (
        "System.Collections.Specialized.IOrderedDictionary", "System.Collections.IDictionary",
        "System.Collections.ICollection", "System.Collections.IEnumerable"),
    "System.Collections.ArrayList": ("System.Collections.IList", "System.Collections.ICollection",
                                     "System.Collections.IEnumerable", "System.ICloneable"),
    "System.String": ("System.IComparable", "System.Collections.IEnumerable", "System.IConvertible",
                      "System.IEquatable`1", "System.ICloneable"),
}


def _interfaces_of(full_name: str) -> tuple[str, ...]:
    if full_name in _INTERFACES:
        return _INTERFACES[full_name]
    if full_name.endswith("[]"):
        return _INTERFACES["System.Object[]"]
    if full_name.startswith("System.Collections.Generic.List`1") or full_name.startswith(
            "System.Collections.Generic.Dictionary`2") or "Concurrent" in full_name:
        base = ["System.Collections.ICollection", "System.Collections.IEnumerable"]
        if "List`1" in full_name:
            base.insert(0, "System.Collections.IList")
        if "Dictionary`2" in full_name:
            base.insert(0, "System.Collections.IDictionary")
        return tuple(base)
    if full_name.startswith("System.Collections.Generic."):
        return ("System.Collections.ICollection", "System.Collections.IEnumerable")
    if full_name in _VALUE_TYPES_COMPARABLE:
        return ("System.IComparable", "System.IConvertible", "System.IFormattable")
    return ()


_VALUE_TYPES_COMPARABLE = frozenset(("System.Int32", "System.Int64", "System.Double", "System.Decimal",
                                     "System.Byte", "System.SByte", "System.Int16", "System.UInt16", "System.UInt32",
                                     "System.UInt64", "System.Single", "System.DateTime", "System.TimeSpan",
                                     "System.Char", "System.Boolean"))


def _value_type_chain(value: Any) -> set[str]:
    """All type and interface names a value is an instance of (for -is on types without a checker)."""
    from pslark.runtime.members import type_names
    names = set()
    for tn in type_names(value):
        names.add(tn)
        names.update(_interfaces_of(tn))
    return names


# ==============================================================================================
# Enums

class EnumType(PSType):
    """A .NET enum: named integer constants; values are EnumValue subclasses that print as their names."""

    def __init__(self, full_name: str, members: list, flags: bool = False, underlying: str = "System.Int32",
                 **kw):
        super().__init__(full_name, base="System.Enum", value_type=True, sealed=True, **kw)
        self.members = list(members)                 # (name, int) in declaration order
        self.flags = flags
        self.underlying = underlying
        self._by_name = {}
        for n, v in self.members:
            self._by_name.setdefault(n.casefold(), (n, v))
        self._by_value: dict[int, str] = {}
        for n, v in self.members:
            self._by_value.setdefault(v, n)
        short = full_name.replace("+", ".").rsplit(".", 1)[-1]
        self.value_class = type(short, (EnumValue,), {"ps_enum": self, "dotnet_type": full_name, "__slots__": (),
                                                      "ps_to_string": _enum_value_text,
                                                      "type_names": [full_name, "System.Enum", "System.ValueType",
                                                                     "System.Object"]})
        for n, v in self.members:
            self._statics[n.casefold()] = (n, self.value_class(v))
        self._static_methods.update({m.name.casefold(): m for m in _ENUM_STATIC_METHODS(self)})

    @property
    def is_enum(self) -> bool:
        return True

    def value_of(self, n: int) -> EnumValue:
        return self.value_class(int(n))

    def name_of(self, n: int) -> str:
        name = self._by_value.get(n)
        if name is not None:
            return name
        if not self.flags or n <= 0:
            return str(n)
        remaining = n
        picked = []
        for value, vname in sorted(((v, nm) for nm, v in self.members), key=lambda x: -x[0]):
            if value != 0 and value & remaining == value:
                picked.append((value, vname))
                remaining &= ~value
        if remaining:
            return str(n)
        return ", ".join(nm for _, nm in sorted(picked))

    def is_instance(self, value: Any) -> bool:
        value = unwrap(value)
        return isinstance(value, EnumValue) and value.ps_enum is self

    def _names_text(self) -> str:
        return ", ".join(n for n, _ in self.members)

    def _unknown(self, text: str, original: Any) -> PSInvalidCastException:
        return C.cast_error(original, self.full_name,
                            f"Unable to match the identifier name {text} to a valid enumerator name. Specify one of "
                            f"the following enumerator names and try again:\n{self._names_text()}",
                            error_id="RuntimeException")

    def parse(self, text: str, original: Any = None, ignore_case: bool = True) -> EnumValue:
        original = text if original is None else original
        parts = [p.strip() for p in text.split(",")]
        if len(parts) > 1 and not self.flags:
            raise C.cast_error(original, self.full_name,
                               f"Cannot convert value \"{text}\" to type \"{self.full_name}\" because the enumeration"
                               " is not marked with the Flags attribute.")
        total = 0
        for p in parts:
            if not p:
                raise self._unknown(p, original)
            entry = self._by_name.get(p.casefold())
            if entry is not None and (ignore_case or entry[0] == p):
                total |= entry[1]
                continue
            num = C.parse_number(p)
            if isinstance(num, int) and not isinstance(num, bool) and self.is_defined(int(num)):
                total |= int(num)
                continue
            raise self._unknown(p, original)
        return self.value_class(total)

    def is_defined(self, n: int) -> bool:
        """EnumSingleTypeConverter.IsDefinedEnum: a named value, or for [Flags] only known bits; an enum with a
        negative member accepts anything."""
        if any(v < 0 for _, v in self.members):
            return True
        if n < 0:
            return False
        if self.flags:
            known = 0
            for _, v in self.members:
                known |= v
            return n | known == known
        return n in self._by_value

    def _from_integer(self, n: int, original: Any) -> EnumValue:
        if not self.is_defined(n):
            raise self._unknown(C.to_string(original), original)
        return self.value_class(n)

    def convert(self, value: Any) -> Any:
        if value is AUTOMATION_NULL or value is None:
            raise C.cast_error(None, self.full_name)
        value = unwrap(value)
        if isinstance(value, EnumValue):
            if value.ps_enum is self:
                return value
            return self.value_class(int(value))
        if isinstance(value, bool):
            raise C.cast_error(value, self.full_name)
        if isinstance(value, str) and not isinstance(value, PSChar):
            return self.parse(value, value)
        if isinstance(value, int):
            return self._from_integer(int(value), value)
        if isinstance(value, (float, _Dec)):
            return self._from_integer(C.to_long(value), value)
        if isinstance(value, (list, tuple)):
            if not self.flags and len(value) != 1:
                raise C.cast_error(value, self.full_name)
            total = 0
            for item in value:
                total |= int(self.convert(item))
            return self.value_class(total)
        raise C.cast_error(value, self.full_name)


def _enum_value_text(v: EnumValue) -> str:
    return v.ps_enum.name_of(int(v))


def _ENUM_STATIC_METHODS(et: EnumType) -> list:
    def get_names(t, args):
        return [n for n, _ in et.members]

    def get_values(t, args):
        return [et.value_class(v) for _, v in et.members]

    def parse(t, args):
        text = a_str(args, -1 if len(args) == 1 else 1, "value")
        ic = C.to_bool(args[2]) if len(args) > 2 else False
        try:
            return et.parse(text, text, ignore_case=ic or True)
        except PSInvalidCastException:
            raise ArgumentException(f"Requested value '{text}' was not found.")

    def is_defined(t, args):
        v = unwrap(args[-1])
        if isinstance(v, str):
            return v in {n for n, _ in et.members}
        return int(v) in et._by_value

    def get_name(t, args):
        v = unwrap(args[-1])
        n = int(et.convert(v))
        return et._by_value.get(n)

    def try_parse(t, args):
        ref = args[-1]
        text = C.to_string(args[0] if len(args) <= 3 else args[1])
        try:
            val = et.parse(text, text)
            ok = True
        except PSInvalidCastException:
            val, ok = et.value_class(0), False
        _set_ref(ref, val)
        return ok

    return [
        NetMethod("GetNames", ("string[] GetNames()",), get_names),
        NetMethod("GetValues", ("array GetValues()",), get_values),
        NetMethod("Parse", ("System.Object Parse(string value)", "System.Object Parse(string value, bool ignoreCase)"),
                  parse),
        NetMethod("IsDefined", ("bool IsDefined(System.Object value)",), is_defined),
        NetMethod("GetName", ("string GetName(System.Object value)",), get_name),
        NetMethod("TryParse", ("bool TryParse(string value, [ref] TEnum result)",
                               "bool TryParse(string value, bool ignoreCase, [ref] TEnum result)"), try_parse),
    ]


def _enum_type_arg(args: list) -> "EnumType":
    """The enumType argument of System.Enum's static methods: a type or a type name."""
    v = unwrap(args[0]) if args else None
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'enumType')")
    t = v if isinstance(v, PSType) else resolve_type(C.to_string(v))
    if t is None:
        raise C.cast_error(v, "System.Type")
    if not isinstance(t, EnumType):
        raise ArgumentException("Type provided must be an Enum. (Parameter 'enumType')")
    return t


def _enum_delegate(name: str, strip_type: bool = False) -> Callable:
    def run(t, args):
        et = _enum_type_arg(args)
        return et._static_methods[name.casefold()].fn(et, args[1:] if strip_type else args)
    return run


def _enum_to_object(t, args):
    et = _enum_type_arg(args)
    return et.value_class(int(C.convert_to(unwrap(args[1]), "System.Int64")))


_SYSTEM_ENUM_STATIC_METHODS = [
    NetMethod("GetNames", ("string[] GetNames(type enumType)", "string[] GetNames[TEnum]()"),
              _enum_delegate("GetNames")),
    NetMethod("GetValues", ("array GetValues(type enumType)", "TEnum[] GetValues[TEnum]()"),
              _enum_delegate("GetValues")),
    NetMethod("GetName", ("string GetName(type enumType, System.Object value)",), _enum_delegate("GetName")),
    NetMethod("IsDefined", ("bool IsDefined(type enumType, System.Object value)",), _enum_delegate("IsDefined")),
    NetMethod("Parse", ("System.Object Parse(type enumType, string value)",
                        "System.Object Parse(type enumType, string value, bool ignoreCase)"), _enum_delegate("Parse")),
    NetMethod("TryParse", ("bool TryParse(type enumType, string value, [ref] System.Object result)",
                           "bool TryParse(type enumType, string value, bool ignoreCase, [ref] System.Object result)"),
              _enum_delegate("TryParse", strip_type=True)),
    NetMethod("ToObject", ("System.Object ToObject(type enumType, System.Object value)",), _enum_to_object),
    NetMethod("GetUnderlyingType", ("type GetUnderlyingType(type enumType)",),
              lambda t, a: resolve_type(_enum_type_arg(a).underlying)),
]


def _enum(full_name: str, names: str, flags: bool = False, values: Optional[list] = None, **kw) -> Callable:
    def build():
        nm = [n.strip() for n in names.split(",") if n.strip()]
        vals = values if values is not None else list(range(len(nm)))
        return EnumType(full_name, list(zip(nm, vals)), flags=flags, **kw)
    return build


# ==============================================================================================
# Small modelled value types

class NetObject:
    """Base of modelled .NET objects: properties through `_getters` / `_setters` (folded names)."""

    __slots__ = ()
    type_names: list = ["System.Object"]
    ps_properties: tuple = ()
    net_methods: dict = {}
    _getters: dict = {}
    _setters: dict = {}

    def ps_get(self, name: str) -> Any:
        g = self._getters.get(name.casefold())
        if g is None:
            raise AttributeError(name)
        return g(self)

    def ps_set(self, name: str, value: Any) -> None:
        s = self._setters.get(name.casefold())
        if s is None:
            raise AttributeError(name)
        s(self, value)


def _methods(*ms: NetMethod) -> dict:
    return {m.name.casefold(): m for m in ms}


def _set_ref(ref: Any, value: Any) -> None:
    if isinstance(ref, PSReference):
        ref.Value = value
    else:
        raise ArgConversionError(ref, "result", "System.Management.Automation.PSReference",
                                 "Argument must be a [ref] (PSReference).")


class PSReference(NetObject):
    """[ref]: holds a value, or refers to a variable (an object with a `.value` attribute)."""

    __slots__ = ("_value", "_variable")
    type_names = ["System.Management.Automation.PSReference", "System.Object"]
    ps_properties = ("Value",)

    def __init__(self, value: Any = None, variable: Any = None):
        self._value = value
        self._variable = variable

    @property
    def Value(self) -> Any:
        if self._variable is not None:
            return self._variable.value
        return self._value

    @Value.setter
    def Value(self, new: Any) -> None:
        if self._variable is not None:
            constraint = getattr(self._variable, "type_constraint", None)
            if constraint is not None:
                new = constraint.convert(new)
            self._variable.value = new
        else:
            self._value = new

    _getters = {"value": lambda s: s.Value}
    _setters = {"value": lambda s, v: setattr(s, "Value", v)}

    def __repr__(self):
        return f"PSReference({self.Value!r})"


class SwitchParameter(NetObject):
    """[switch]: IsPresent; behaves as a bool in conditions and comparisons."""

    __slots__ = ("is_present",)
    dotnet_type = "System.Management.Automation.SwitchParameter"
    type_names = ["System.Management.Automation.SwitchParameter", "System.ValueType", "System.Object"]
    ps_properties = ("IsPresent",)
    _getters = {"ispresent": lambda s: s.is_present}

    def __init__(self, present: bool = False):
        self.is_present = bool(present)

    def __bool__(self):
        return self.is_present

    def __str__(self):
        return "True" if self.is_present else "False"

    def ps_to_string(self) -> str:
        return str(self)

    def __eq__(self, other):
        if isinstance(other, SwitchParameter):
            return self.is_present == other.is_present
        if isinstance(other, bool):
            return self.is_present == other
        return NotImplemented

    def __hash__(self):
        return hash(self.is_present)

    def ps_equals(self, other) -> bool:
        return self.is_present == C.to_bool(other)

    def __repr__(self):
        return f"SwitchParameter({self.is_present})"


SwitchParameter.net_methods = _methods(
    NetMethod("ToBool", ("bool ToBool()",), lambda s, a: s.is_present),
    NetMethod("ToString", ("string ToString()",), lambda s, a: str(s)),
)


class Version(NetObject):
    """System.Version: Major.Minor[.Build[.Revision]] (-1 for undefined parts)."""

    __slots__ = ("major", "minor", "build", "revision")
    dotnet_type = "System.Version"
    type_names = ["System.Version", "System.Object"]
    ps_properties = ("Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision")

    def __init__(self, major: int = 0, minor: int = 0, build: int = -1, revision: int = -1):
        for v, n in ((major, "major"), (minor, "minor"), (build, "build"), (revision, "revision")):
            if v < -1 or (v == -1 and n in ("major", "minor")):
                raise ArgumentOutOfRangeException(f"Version's parameters must be greater than or equal to zero. "
                                                  f"(Parameter '{n}')")
        self.major, self.minor, self.build, self.revision = major, minor, build, revision

    @classmethod
    def parse(cls, text: str) -> "Version":
        if text is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
        parts = text.strip().split(".")
        if not 2 <= len(parts) <= 4:
            raise ArgumentException("Version string portion was too short or too long. (Parameter 'input')")
        nums = []
        for p in parts:
            p2 = p.strip()
            if not p2 or not (p2.isdigit() or (p2[0] in "+" and p2[1:].isdigit())):
                if p2.startswith("-") and p2[1:].isdigit():
                    raise ArgumentOutOfRangeException("Version's parameters must be greater than or equal to zero. "
                                                      "(Parameter 'version')")
                raise FormatException(f"The input string '{p}' was not in a correct format.")
            n = int(p2)
            if n > INT32_MAX:
                raise OverflowException("Value was either too large or too small for an Int32.")
            nums.append(n)
        while len(nums) < 4:
            nums.append(-1)
        return cls(*nums)

    def key(self) -> tuple:
        return (self.major, self.minor, self.build, self.revision)

    def __str__(self):
        return self.to_string()

    def to_string(self, fields: Optional[int] = None) -> str:
        parts = [self.major, self.minor]
        if self.build >= 0:
            parts.append(self.build)
            if self.revision >= 0:
                parts.append(self.revision)
        if fields is not None:
            full = [self.major, self.minor, self.build, self.revision]
            if fields < 0 or fields > 4 or (fields > 2 and full[fields - 1] < 0):
                raise ArgumentException(f"Argument must be between 0 and {len(parts)}. (Parameter 'fieldCount')")
            parts = full[:fields]
        return ".".join(str(p) for p in parts)

    def ps_to_string(self) -> str:
        return self.to_string()

    def __repr__(self):
        return f"Version({self})"

    def __eq__(self, other):
        return isinstance(other, Version) and self.key() == other.key()

    def __hash__(self):
        return hash(self.key())

    def __lt__(self, other):
        return self.key() < other.key()

    def ps_equals(self, other) -> bool:
        other = unwrap(other)
        if isinstance(other, str):
            try:
                other = Version.parse(other)
            except PSException:
                return False
        return isinstance(other, Version) and self.key() == other.key()

    def ps_compare(self, other) -> int:
        other = unwrap(other)
        if other is None:
            return 1
        if not isinstance(other, Version):
            other = _version_convert(other)
        a, b = self.key(), other.key()
        return -1 if a < b else (1 if a > b else 0)

    _getters = {"major": lambda s: s.major, "minor": lambda s: s.minor, "build": lambda s: s.build,
                "revision": lambda s: s.revision,
                "majorrevision": lambda s: (s.revision >> 16) if s.revision >= 0 else -1,
                "minorrevision": lambda s: (s.revision & 0xFFFF) if s.revision >= 0 else -1}


Version.net_methods = _methods(
    NetMethod("ToString", ("string ToString()", "string ToString(int fieldCount)",
                           "string ToString(string format, System.IFormatProvider formatProvider)"),
              lambda s, a: s.to_string(a_int(a, 0, "fieldCount") if len(a) == 1 else None)),
    NetMethod("CompareTo", ("int CompareTo(System.Object version)", "int CompareTo(version value)"),
              lambda s, a: s.ps_compare(a[0])),
    NetMethod("Equals", ("bool Equals(System.Object obj)", "bool Equals(version obj)"),
              lambda s, a: s.ps_equals(a[0])),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda s, a: hash(s.key()) & 0x7FFFFFFF),
    NetMethod("Clone", ("System.Object Clone()",), lambda s, a: Version(*s.key())),
)


def _version_convert(value: Any) -> Version:
    value = unwrap(value)
    if isinstance(value, Version):
        return value
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return Version.parse(value)
        except PSException as e:
            raise C.cast_error(value, "System.Version", f'Exception calling ".ctor" with "1" argument(s): '
                               f'"{e.message}"', error_id="InvalidCastConstructorException")
    if isinstance(value, (int, float, _Dec)) and not isinstance(value, bool):
        return _version_convert(C.to_string(value) if not isinstance(value, int) else f"{int(value)}.0")
    raise C.cast_error(value, "System.Version")


def _version_ctor(args: list) -> Version:
    if not args:
        return Version(0, 0)
    if len(args) == 1:
        v = unwrap(args[0])
        if isinstance(v, str):
            return Version.parse(v)
        raise ArgConversionError(v, "version", "System.String", "Cannot convert.")
    nums = [a_int(args, i, ("major", "minor", "build", "revision")[i]) for i in range(len(args))]
    return Version(*nums)


_version_ctor.definitions = ("version new()", "version new(string version)", "version new(int major, int minor)",
                             "version new(int major, int minor, int build)",
                             "version new(int major, int minor, int build, int revision)")


class SemanticVersion(NetObject):
    """[semver]: Major.Minor.Patch[-PreRelease][+Build]."""

    __slots__ = ("major", "minor", "patch", "pre", "build_label")
    type_names = ["System.Management.Automation.SemanticVersion", "System.Object"]
    ps_properties = ("Major", "Minor", "Patch", "PreReleaseLabel", "BuildLabel")

    def __init__(self, major=0, minor=0, patch=0, pre=None, build_label=None):
        self.major, self.minor, self.patch, self.pre, self.build_label = major, minor, patch, pre, build_label

    @classmethod
    def parse(cls, text: str) -> "SemanticVersion":
        import re
        m = re.match(r"^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.\-]+))?(?:\+([0-9A-Za-z.\-]+))?\s*$", text)
        if not m:
            raise ArgumentException(f"'{text}' is not a valid semantic version.")
        return cls(int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), m.group(4), m.group(5))

    def __str__(self):
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            s += "-" + self.pre
        if self.build_label:
            s += "+" + self.build_label
        return s

    def ps_to_string(self):
        return str(self)

    def key(self):
        return (self.major, self.minor, self.patch, 0 if self.pre else 1, self.pre or "")

    def ps_compare(self, other) -> int:
        other = unwrap(other)
        if isinstance(other, str):
            other = SemanticVersion.parse(other)
        a, b = self.key(), other.key()
        return -1 if a < b else (1 if a > b else 0)

    def ps_equals(self, other) -> bool:
        try:
            return self.ps_compare(other) == 0
        except (PSException, AttributeError):
            return False

    _getters = {"major": lambda s: s.major, "minor": lambda s: s.minor, "patch": lambda s: s.patch,
                "prereleaselabel": lambda s: s.pre, "buildlabel": lambda s: s.build_label}


class PSUri(NetObject):
    """System.Uri (absolute URIs; relative ones keep OriginalString)."""

    __slots__ = ("original", "_p", "absolute")
    type_names = ["System.Uri", "System.Object"]
    ps_properties = ("AbsolutePath", "AbsoluteUri", "LocalPath", "Authority", "HostNameType", "IsDefaultPort",
                     "IsFile", "IsLoopback", "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query",
                     "Fragment", "Scheme", "OriginalString", "DnsSafeHost", "IdnHost", "IsAbsoluteUri",
                     "UserEscaped", "UserInfo")
    _DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443, "ssh": 22, "file": -1,
                      "mailto": 25, "ldap": 389, "telnet": 23, "news": 119, "nntp": 119, "gopher": 70}

    def __init__(self, text: str, kind: str = "RelativeOrAbsolute"):
        from urllib.parse import urlsplit
        self.original = text
        t = text.strip()
        if t.startswith("/") and kind != "Relative":
            t = "file://" + t
        p = urlsplit(t)
        self.absolute = bool(p.scheme) and (bool(p.netloc) or p.scheme in ("mailto", "urn", "file", "news", "data"))
        if kind == "Absolute" and not self.absolute:
            raise E.FormatException("Invalid URI: The format of the URI could not be determined.")
        if kind == "Relative" and self.absolute:
            raise E.FormatException("Invalid URI: The format of the URI could not be determined.")
        if not self.absolute and kind == "RelativeOrAbsolute" and not self._relative_ok(t):
            raise E.FormatException("Invalid URI: The format of the URI could not be determined.")
        self._p = p

    @staticmethod
    def _relative_ok(t: str) -> bool:
        return True

    def _need_abs(self):
        if not self.absolute:
            raise InvalidOperationException("This operation is not supported for a relative URI.")

    @property
    def scheme(self):
        self._need_abs()
        return self._p.scheme.lower()

    @property
    def host(self):
        self._need_abs()
        return (self._p.hostname or "")

    @property
    def port(self):
        self._need_abs()
        try:
            port = self._p.port
        except ValueError:
            port = None
        return port if port is not None else self._DEFAULT_PORTS.get(self.scheme, -1)

    @property
    def path(self):
        self._need_abs()
        path = self._p.path or "/"
        if self.scheme == "mailto":
            return self._p.path
        from urllib.parse import quote
        return quote(path, safe="/%:@!$&'()*+,;=-._~")

    @property
    def query(self):
        self._need_abs()
        return ("?" + self._p.query) if self._p.query else ""

    @property
    def fragment(self):
        self._need_abs()
        return ("#" + self._p.fragment) if self._p.fragment else ""

    @property
    def authority(self):
        h = self.host
        default = self._DEFAULT_PORTS.get(self.scheme, -1)
        return h if self.port == default else f"{h}:{self.port}"

    @property
    def absolute_uri(self):
        self._need_abs()
        if self.scheme == "file":
            return "file://" + self.path
        user = (self._p.username + (":" + self._p.password if self._p.password else "") + "@") \
            if self._p.username else ""
        return f"{self.scheme}://{user}{self.authority}{self.path}{self.query}{self.fragment}"

    def segments(self):
        path = self.path
        segs = []
        cur = ""
        for ch in path:
            cur += ch
            if ch == "/":
                segs.append(cur)
                cur = ""
        if cur:
            segs.append(cur)
        return segs

    def __str__(self):
        if not self.absolute:
            return self.original
        from urllib.parse import unquote
        return unquote(self.absolute_uri)

    def ps_to_string(self):
        return str(self)

    def ps_equals(self, other):
        other = unwrap(other)
        if isinstance(other, str):
            try:
                other = PSUri(other)
            except PSException:
                return False
        return isinstance(other, PSUri) and str(self).casefold() == str(other).casefold()

    _getters = {
        "absolutepath": lambda s: s.path, "absoluteuri": lambda s: s.absolute_uri,
        "localpath": lambda s: __import__("urllib.parse").parse.unquote(s.path) if s.scheme == "file" else
        __import__("urllib.parse").parse.unquote(s.path),
        "authority": lambda s: s.authority,
        "hostnametype": lambda s: "Dns" if any(c.isalpha() for c in s.host) else ("IPv4" if s.host else "Basic"),
        "isdefaultport": lambda s: s.port == s._DEFAULT_PORTS.get(s.scheme, -1),
        "isfile": lambda s: s.scheme == "file",
        "isloopback": lambda s: s.host in ("localhost", "127.0.0.1", "::1") or s.scheme == "file",
        "pathandquery": lambda s: s.path + s.query, "segments": lambda s: s.segments(),
        "isunc": lambda s: False, "host": lambda s: s.host, "port": lambda s: s.port, "query": lambda s: s.query,
        "fragment": lambda s: s.fragment, "scheme": lambda s: s.scheme, "originalstring": lambda s: s.original,
        "dnssafehost": lambda s: s.host, "idnhost": lambda s: s.host, "isabsoluteuri": lambda s: s.absolute,
        "userescaped": lambda s: False, "userinfo": lambda s: (s._p.username or "") + (
            (":" + s._p.password) if s._p.password else ""),
    }


PSUri.net_methods = _methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: str(s)),
    NetMethod("GetLeftPart", ("string GetLeftPart(System.UriPartial part)",), lambda s, a: _uri_left_part(s, a)),
    NetMethod("Equals", ("bool Equals(System.Object comparand)",), lambda s, a: s.ps_equals(a[0])),
    NetMethod("IsBaseOf", ("bool IsBaseOf(uri uri)",),
              lambda s, a: str(_uri_convert(a[0])).startswith(str(s).rsplit("/", 1)[0])),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda s, a: hash(str(s)) & 0x7FFFFFFF),
)


def _uri_left_part(s: PSUri, args):
    part = C.to_string(args[0]).casefold()
    if part == "scheme":
        return s.scheme + "://"
    if part == "authority":
        return f"{s.scheme}://{s.authority}"
    if part == "path":
        return f"{s.scheme}://{s.authority}{s.path}"
    return f"{s.scheme}://{s.authority}{s.path}{s.query}"


def _uri_convert(value: Any) -> Optional[PSUri]:
    value = unwrap(value)
    if value is None:
        return None
    if isinstance(value, PSUri):
        return value
    if isinstance(value, str):
        try:
            return PSUri(value)
        except PSException as e:
            raise C.cast_error(value, "System.Uri", e.message)
    raise C.cast_error(value, "System.Uri")


def _uri_ctor(args: list) -> PSUri:
    text = a_str(args, 0, "uriString")
    if text is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'uriString')")
    if len(args) == 2:
        second = unwrap(args[1])
        if isinstance(second, (str, PSUri)) and not isinstance(second, EnumValue) and not (
                isinstance(second, str) and second.casefold() in ("absolute", "relative", "relativeorabsolute")):
            base = _uri_convert(args[0])
            from urllib.parse import urljoin
            return PSUri(urljoin(str(base.absolute_uri), C.to_string(second)))
        return PSUri(text, C.to_string(second))
    return PSUri(text)


_uri_ctor.definitions = ("uri new(string uriString)", "uri new(string uriString, System.UriKind uriKind)",
                         "uri new(uri baseUri, string relativeUri)")


class IPAddress(NetObject):
    """System.Net.IPAddress (v4 and v6)."""

    __slots__ = ("_ip",)
    type_names = ["System.Net.IPAddress", "System.Object"]
    ps_properties = ("AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal",
                     "IsIPv6Teredo", "IsIPv6UniqueLocal", "IsIPv4MappedToIPv6", "Address", "IPAddressToString")

    def __init__(self, ip):
        self._ip = ip

    @classmethod
    def parse(cls, text: str) -> "IPAddress":
        import ipaddress
        try:
            return cls(ipaddress.ip_address(text.strip()))
        except ValueError:
            raise FormatException("An invalid IP address was specified.")

    def __str__(self):
        return str(self._ip)

    def ps_to_string(self):
        return str(self._ip)

    def ps_equals(self, other):
        other = unwrap(other)
        if isinstance(other, str):
            try:
                other = IPAddress.parse(other)
            except PSException:
                return False
        return isinstance(other, IPAddress) and other._ip == self._ip

    def _addr(self):
        if self._ip.version != 4:
            raise E.SocketException("The attempted operation is not supported for the type of object referenced.") \
                if hasattr(E, "SocketException") else InvalidOperationException(
                    "The attempted operation is not supported for the type of object referenced.")
        return int.from_bytes(self._ip.packed, "little")

    _getters = {
        "addressfamily": lambda s: _enum_value("System.Net.Sockets.AddressFamily",
                                               "InterNetwork" if s._ip.version == 4 else "InterNetworkV6"),
        "scopeid": lambda s: 0 if s._ip.version == 6 else None,
        "isipv6multicast": lambda s: s._ip.version == 6 and s._ip.is_multicast,
        "isipv6linklocal": lambda s: s._ip.version == 6 and s._ip.is_link_local,
        "isipv6sitelocal": lambda s: s._ip.version == 6 and s._ip.is_site_local,
        "isipv6teredo": lambda s: s._ip.version == 6 and s._ip.teredo is not None,
        "isipv6uniquelocal": lambda s: s._ip.version == 6 and s._ip.is_private and not s._ip.is_link_local,
        "isipv4mappedtoipv6": lambda s: s._ip.version == 6 and s._ip.ipv4_mapped is not None,
        "address": lambda s: Int64(s._addr()),
        "ipaddresstostring": lambda s: str(s._ip),
    }


IPAddress.net_methods = _methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: str(s)),
    NetMethod("GetAddressBytes", ("byte[] GetAddressBytes()",), lambda s, a: byte_array(s._ip.packed)),
    NetMethod("Equals", ("bool Equals(System.Object comparand)",), lambda s, a: s.ps_equals(a[0])),
    NetMethod("MapToIPv6", ("ipaddress MapToIPv6()",), lambda s, a: IPAddress(
        __import__("ipaddress").ip_address("::ffff:" + str(s._ip))) if s._ip.version == 4 else s),
    NetMethod("MapToIPv4", ("ipaddress MapToIPv4()",), lambda s, a: IPAddress(s._ip.ipv4_mapped or s._ip)),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda s, a: hash(s._ip) & 0x7FFFFFFF),
)


def _enum_value(enum_name: str, member: str) -> Any:
    t = resolve_type(enum_name)
    return t.parse(member) if isinstance(t, EnumType) else member


class SecureString(NetObject):
    """System.Security.SecureString (the text is kept; it is never shown)."""

    __slots__ = ("_chars", "read_only")
    type_names = ["System.Security.SecureString", "System.Object"]
    ps_properties = ("Length",)
    _getters = {"length": lambda s: len(s._chars)}

    def __init__(self, text: str = ""):
        self._chars = list(text)
        self.read_only = False

    def plain_text(self) -> str:
        return "".join(self._chars)

    def ps_to_string(self) -> str:
        return "System.Security.SecureString"

    def __str__(self):
        return "System.Security.SecureString"


def _secure_append(s: SecureString, args):
    if s.read_only:
        raise InvalidOperationException("Instance is read-only.")
    s._chars.append(a_char(args, 0, "c"))


SecureString.net_methods = _methods(
    NetMethod("AppendChar", ("void AppendChar(char c)",), _secure_append),
    NetMethod("Clear", ("void Clear()",), lambda s, a: s._chars.clear()),
    NetMethod("MakeReadOnly", ("void MakeReadOnly()",), lambda s, a: setattr(s, "read_only", True)),
    NetMethod("IsReadOnly", ("bool IsReadOnly()",), lambda s, a: s.read_only),
    NetMethod("Copy", ("securestring Copy()",), lambda s, a: SecureString(s.plain_text())),
    NetMethod("Dispose", ("void Dispose()",), lambda s, a: s._chars.clear()),
    NetMethod("InsertAt", ("void InsertAt(int index, char c)",),
              lambda s, a: s._chars.insert(a_int(a, 0, "index"), a_char(a, 1, "c"))),
    NetMethod("RemoveAt", ("void RemoveAt(int index)",), lambda s, a: s._chars.pop(a_int(a, 0, "index"))),
)


class NetworkCredential(NetObject):
    __slots__ = ("user", "password", "domain")
    type_names = ["System.Net.NetworkCredential", "System.Object"]
    ps_properties = ("UserName", "Password", "SecurePassword", "Domain")

    def __init__(self, user: str, password: str, domain: str = ""):
        self.user, self.password, self.domain = user, password, domain

    _getters = {"username": lambda s: s.user, "password": lambda s: s.password,
                "securepassword": lambda s: SecureString(s.password), "domain": lambda s: s.domain}
    _setters = {"username": lambda s, v: setattr(s, "user", C.to_string(v)),
                "password": lambda s, v: setattr(s, "password", C.to_string(v)),
                "domain": lambda s, v: setattr(s, "domain", C.to_string(v))}


class PSCredential(NetObject):
    """System.Management.Automation.PSCredential."""

    __slots__ = ("user", "secure")
    type_names = ["System.Management.Automation.PSCredential", "System.Object"]
    ps_properties = ("UserName", "Password")

    def __init__(self, user: str, secure: SecureString):
        self.user, self.secure = user, secure

    _getters = {"username": lambda s: s.user, "password": lambda s: s.secure}

    def network_credential(self) -> NetworkCredential:
        user, domain = self.user, ""
        if "\\" in user:
            domain, user = user.split("\\", 1)
        elif "@" in user:
            pass
        return NetworkCredential(user, self.secure.plain_text(), domain)


PSCredential.net_methods = _methods(
    NetMethod("GetNetworkCredential", ("System.Net.NetworkCredential GetNetworkCredential()",),
              lambda s, a: s.network_credential()),
)


def _pscredential_ctor(args: list) -> PSCredential:
    user = a_str(args, 0, "userName")
    if user is None or user == "":
        raise E.PSArgumentException("Cannot process argument because the value of argument \"userName\" is not valid. "
                                    "Change the value of the \"userName\" argument and run the operation again.")
    pw = unwrap(args[1])
    if pw is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'password')")
    if not isinstance(pw, SecureString):
        raise ArgConversionError(pw, "password", "System.Security.SecureString",
                                 f'Cannot convert the "{_text(pw)}" value of type "{C.type_name_of(pw)}" to type '
                                 '"System.Security.SecureString".')
    return PSCredential(user, pw)


_pscredential_ctor.definitions = ("pscredential new(string userName, securestring password)",
                                  "pscredential new(psobject pso)")


# ==============================================================================================
# Arrays with an element type ([int[]], [string[]], byte[] ...)

class TypedArray(list):
    """A .NET array with an element type other than object (`[int[]]`, `[string[]]`, byte[]).

    A plain Python list is `object[]`; this subclass only remembers the element type (for GetType, -is,
    and converting assigned elements).
    """

    __slots__ = ("element_type",)

    def __init__(self, items: Iterable = (), element_type: Optional[PSType] = None):
        super().__init__(items)
        self.element_type = element_type

    @property
    def type_name(self) -> str:
        return (self.element_type.full_name if self.element_type is not None else "System.Object") + "[]"

    @property
    def type_names(self) -> list:
        return [self.type_name, "System.Array", "System.Object"]

    def __repr__(self):
        return f"TypedArray({list.__repr__(self)}, {self.type_name})"


def byte_array(data: bytes) -> TypedArray:
    return TypedArray([Byte(b) for b in data], resolve_type("System.Byte"))


def string_array(items: Iterable[str]) -> TypedArray:
    return TypedArray(list(items), resolve_type("System.String"))


def char_array(text: str) -> TypedArray:
    return TypedArray([PSChar(c) for c in text], resolve_type("System.Char"))


def to_bytes(value: Any, param: str = "bytes") -> bytes:
    value = unwrap(value)
    if value is None:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    items = value if isinstance(value, (list, tuple)) else [value]
    out = bytearray()
    for x in items:
        b = C.convert_integer(unwrap(x), Byte)
        out.append(int(b))
    return bytes(out)


def delegate_call(fn: Any, args: list) -> Any:
    """Call a script block passed where .NET expects a delegate (Predicate, Func, Comparison ...)."""
    from pslark.runtime.scriptblock import ScriptBlock
    fn = unwrap(fn)
    if isinstance(fn, ScriptBlock):
        out = fn.invoke_with(args=list(args), dollar_under=args[0] if args else None)
        if not out:
            return None
        return out[0] if len(out) == 1 else list(out)
    if callable(fn):
        return fn(*args)
    raise ArgConversionError(fn, "match", "System.Predicate", "A script block is required.")


# ==============================================================================================
# System.Text.StringBuilder

class StringBuilder(NetObject):
    """System.Text.StringBuilder: chunks joined on demand; Capacity grows like .NET's chunk list."""

    __slots__ = ("_parts", "_len", "_cap", "max_capacity")
    type_names = ["System.Text.StringBuilder", "System.Object"]
    ps_properties = ("Capacity", "MaxCapacity", "Length")

    def __init__(self, text: str = "", capacity: int = 16, max_capacity: int = INT32_MAX):
        self._parts: list[str] = [text] if text else []
        self._len = len(text)
        self._cap = max(capacity, self._len)
        self.max_capacity = max_capacity

    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def _grow(self, new_len: int) -> None:
        if new_len > self.max_capacity:
            raise ArgumentOutOfRangeException("Insufficient capacity. (Parameter 'requiredLength')")
        if new_len > self._cap:
            block = max(new_len - self._cap, min(self._cap, 8000))
            self._cap += block

    def append(self, s: str) -> "StringBuilder":
        if s:
            self._grow(self._len + len(s))
            self._parts.append(s)
            self._len += len(s)
        return self

    def set_text(self, s: str) -> None:
        self._grow(len(s))
        self._parts = [s] if s else []
        self._len = len(s)

    def __str__(self):
        return self.text()

    def ps_to_string(self) -> str:
        return self.text()

    def __len__(self):
        return self._len

    def _set_length(self, v: Any) -> None:
        n = C.to_int(v)
        if n < 0:
            raise ArgumentOutOfRangeException("Length cannot be less than zero. (Parameter 'value')")
        t = self.text()
        self.set_text(t[:n] if n <= len(t) else t + "\0" * (n - len(t)))

    def _set_capacity(self, v: Any) -> None:
        n = C.to_int(v)
        if n < self._len:
            raise ArgumentOutOfRangeException("capacity was less than the current size. (Parameter 'value')")
        self._cap = n

    _getters = {"capacity": lambda s: s._cap, "maxcapacity": lambda s: s.max_capacity, "length": lambda s: s._len}
    _setters = {"length": _set_length, "capacity": _set_capacity}


def _sb_value_text(v: Any) -> str:
    v = unwrap(v)
    if v is None:
        return ""
    if isinstance(v, (list, tuple)) and all(isinstance(x, PSChar) for x in v) and v:
        return "".join(v)
    from pslark.runtime.dotnet_format import ps_to_string
    return ps_to_string(v)


def _sb_append(sb: StringBuilder, args: list):
    if len(args) == 1:
        return sb.append(_sb_value_text(args[0]))
    v = unwrap(args[0])
    if len(args) == 2:
        if isinstance(v, str) and len(v) == 1 and isinstance(v, PSChar):
            return sb.append(v * a_int(args, 1, "repeatCount"))
        if isinstance(v, str):
            n = a_int(args, 1, "repeatCount")
            if len(v) == 1:
                return sb.append(v * n)
        return sb.append(_sb_value_text(v) * a_int(args, 1, "repeatCount"))
    text = _sb_value_text(v)
    start, count = a_int(args, 1, "startIndex"), a_int(args, 2, "count")
    if start < 0 or count < 0 or start + count > len(text):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'startIndex')")
    return sb.append(text[start:start + count])


def _sb_append_line(sb: StringBuilder, args: list):
    if args:
        sb.append(_sb_value_text(args[0]))
    return sb.append("\n")


def _sb_append_format(sb: StringBuilder, args: list):
    from pslark.runtime.dotnet_format import composite_format
    i = 0
    culture = None
    first = unwrap(args[0])
    if not isinstance(first, str):
        from pslark.runtime.culture import Culture
        if isinstance(first, Culture):
            culture = first
        i = 1
    fmt = a_str(args, i, "format")
    rest = args[i + 1:]
    if len(rest) == 1 and isinstance(unwrap(rest[0]), (list, tuple)):
        rest = list(unwrap(rest[0]))
    return sb.append(composite_format(fmt, rest, culture))


def _sb_insert(sb: StringBuilder, args: list):
    idx = a_int(args, 0, "index")
    t = sb.text()
    if idx < 0 or idx > len(t):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than or equal to "
                                          "the size of the collection. (Parameter 'index')")
    s = _sb_value_text(args[1])
    if len(args) > 2:
        s = s * a_int(args, 2, "count")
    sb.set_text(t[:idx] + s + t[idx:])
    return sb


def _sb_remove(sb: StringBuilder, args: list):
    start, length = a_int(args, 0, "startIndex"), a_int(args, 1, "length")
    t = sb.text()
    if start < 0:
        raise ArgumentOutOfRangeException("StartIndex cannot be less than zero. (Parameter 'startIndex')")
    if length < 0:
        raise ArgumentOutOfRangeException("Length cannot be less than zero. (Parameter 'length')")
    if start + length > len(t):
        raise ArgumentOutOfRangeException("Index and length must refer to a location within the string. "
                                          "(Parameter 'length')")
    sb.set_text(t[:start] + t[start + length:])
    return sb


def _sb_replace(sb: StringBuilder, args: list):
    old = C.to_string(unwrap(args[0]))
    new = C.to_string(unwrap(args[1])) if args[1] is not None else ""
    if old == "":
        raise ArgumentException("The value cannot be an empty string. (Parameter 'oldValue')")
    t = sb.text()
    if len(args) >= 4:
        start, count = a_int(args, 2, "startIndex"), a_int(args, 3, "count")
        if start < 0 or count < 0 or start + count > len(t):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'startIndex')")
        sb.set_text(t[:start] + t[start:start + count].replace(old, new) + t[start + count:])
    else:
        sb.set_text(t.replace(old, new))
    return sb


def _sb_to_string(sb: StringBuilder, args: list):
    t = sb.text()
    if not args:
        return t
    start, length = a_int(args, 0, "startIndex"), a_int(args, 1, "length")
    if start < 0 or length < 0 or start + length > len(t):
        raise ArgumentOutOfRangeException("Index and length must refer to a location within the string. "
                                          "(Parameter 'length')")
    return t[start:start + length]


def _sb_clear(sb: StringBuilder, args: list):
    sb._parts = []
    sb._len = 0
    return sb


def _sb_append_join(sb: StringBuilder, args: list):
    sep = _sb_value_text(args[0])
    rest = args[1:]
    if len(rest) == 1 and isinstance(unwrap(rest[0]), (list, tuple)):
        rest = list(unwrap(rest[0]))
    return sb.append(sep.join(_sb_value_text(x) for x in rest))


StringBuilder.net_methods = _methods(
    NetMethod("Append", ("System.Text.StringBuilder Append(char value, int repeatCount)",
                         "System.Text.StringBuilder Append(char[] value, int startIndex, int charCount)",
                         "System.Text.StringBuilder Append(string value)",
                         "System.Text.StringBuilder Append(string value, int startIndex, int count)",
                         "System.Text.StringBuilder Append(System.Text.StringBuilder value)",
                         "System.Text.StringBuilder Append(bool value)",
                         "System.Text.StringBuilder Append(char value)",
                         "System.Text.StringBuilder Append(int value)",
                         "System.Text.StringBuilder Append(long value)",
                         "System.Text.StringBuilder Append(double value)",
                         "System.Text.StringBuilder Append(decimal value)",
                         "System.Text.StringBuilder Append(System.Object value)",
                         "System.Text.StringBuilder Append(char[] value)"), _sb_append),
    NetMethod("AppendLine", ("System.Text.StringBuilder AppendLine()",
                             "System.Text.StringBuilder AppendLine(string value)"), _sb_append_line),
    NetMethod("AppendFormat", ("System.Text.StringBuilder AppendFormat(string format, System.Object arg0)",
                               "System.Text.StringBuilder AppendFormat(string format, Params System.Object[] args)",
                               "System.Text.StringBuilder AppendFormat(System.IFormatProvider provider, string "
                               "format, Params System.Object[] args)"), _sb_append_format),
    NetMethod("AppendJoin", ("System.Text.StringBuilder AppendJoin(string separator, Params System.Object[] "
                             "values)",), _sb_append_join),
    NetMethod("Insert", ("System.Text.StringBuilder Insert(int index, string value, int count)",
                         "System.Text.StringBuilder Insert(int index, string value)",
                         "System.Text.StringBuilder Insert(int index, System.Object value)"), _sb_insert),
    NetMethod("Remove", ("System.Text.StringBuilder Remove(int startIndex, int length)",), _sb_remove),
    NetMethod("Replace", ("System.Text.StringBuilder Replace(string oldValue, string newValue)",
                          "System.Text.StringBuilder Replace(string oldValue, string newValue, int startIndex, "
                          "int count)", "System.Text.StringBuilder Replace(char oldChar, char newChar)",
                          "System.Text.StringBuilder Replace(char oldChar, char newChar, int startIndex, int count)"),
              _sb_replace),
    NetMethod("ToString", ("string ToString()", "string ToString(int startIndex, int length)"), _sb_to_string),
    NetMethod("Clear", ("System.Text.StringBuilder Clear()",), _sb_clear),
    NetMethod("EnsureCapacity", ("int EnsureCapacity(int capacity)",),
              lambda s, a: (setattr(s, "_cap", max(s._cap, a_int(a, 0, "capacity"))), s._cap)[1]),
    NetMethod("Equals", ("bool Equals(System.Text.StringBuilder sb)", "bool Equals(System.Object obj)"),
              lambda s, a: isinstance(unwrap(a[0]), StringBuilder) and unwrap(a[0]).text() == s.text()),
    NetMethod("GetHashCode", ("int GetHashCode()",), lambda s, a: id(s) & 0x7FFFFFFF),
)


def _sb_ctor(args: list) -> StringBuilder:
    if not args:
        return StringBuilder()
    first = unwrap(args[0])
    if len(args) == 1:
        if isinstance(first, str):
            return StringBuilder(first, 16)
        n = a_int(args, 0, "capacity")
        if n < 0:
            raise ArgumentOutOfRangeException("'capacity' must be greater than zero. (Parameter 'capacity')")
        return StringBuilder("", n)
    if isinstance(first, str) and len(args) == 2:
        return StringBuilder(first, a_int(args, 1, "capacity"))
    if len(args) == 2:
        return StringBuilder("", a_int(args, 0, "capacity"), a_int(args, 1, "maxCapacity"))
    text = C.to_string(first)
    start, length = a_int(args, 1, "startIndex"), a_int(args, 2, "length")
    return StringBuilder(text[start:start + length], a_int(args, 3, "capacity"))


_sb_ctor.definitions = ("System.Text.StringBuilder new()", "System.Text.StringBuilder new(int capacity)",
                        "System.Text.StringBuilder new(string value)",
                        "System.Text.StringBuilder new(string value, int capacity)",
                        "System.Text.StringBuilder new(string value, int startIndex, int length, int capacity)",
                        "System.Text.StringBuilder new(int capacity, int maxCapacity)")


# ==============================================================================================
# System.Diagnostics.Stopwatch

class Stopwatch(NetObject):
    __slots__ = ("_start", "_elapsed")
    type_names = ["System.Diagnostics.Stopwatch", "System.Object"]
    ps_properties = ("IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks")
    FREQUENCY = 1_000_000_000

    def __init__(self):
        self._start: Optional[int] = None
        self._elapsed = 0

    def elapsed_ns(self) -> int:
        import time
        ns = self._elapsed
        if self._start is not None:
            ns += time.perf_counter_ns() - self._start
        return ns

    def start(self):
        import time
        if self._start is None:
            self._start = time.perf_counter_ns()

    def stop(self):
        import time
        if self._start is not None:
            self._elapsed += time.perf_counter_ns() - self._start
            self._start = None

    def reset(self):
        self._start = None
        self._elapsed = 0

    def restart(self):
        import time
        self._elapsed = 0
        self._start = time.perf_counter_ns()

    _getters = {"isrunning": lambda s: s._start is not None,
                "elapsed": lambda s: datetime.timedelta(microseconds=s.elapsed_ns() // 1000),
                "elapsedmilliseconds": lambda s: Int64(s.elapsed_ns() // 1_000_000),
                "elapsedticks": lambda s: Int64(s.elapsed_ns())}


Stopwatch.net_methods = _methods(
    NetMethod("Start", ("void Start()",), lambda s, a: s.start()),
    NetMethod("Stop", ("void Stop()",), lambda s, a: s.stop()),
    NetMethod("Reset", ("void Reset()",), lambda s, a: s.reset()),
    NetMethod("Restart", ("void Restart()",), lambda s, a: s.restart()),
    NetMethod("ToString", ("string ToString()",), lambda s, a: "System.Diagnostics.Stopwatch"),
)


def _stopwatch_new(args=None) -> Stopwatch:
    sw = Stopwatch()
    sw.start()
    return sw


# ==============================================================================================
# System.Management.Automation.WildcardPattern

class WildcardPatternValue(NetObject):
    """[WildcardPattern]: the pattern language of -like and the cmdlets' -Name/-Path, as an object."""
    __slots__ = ("pattern", "options")
    type_names = ["System.Management.Automation.WildcardPattern", "System.Object"]
    ps_properties = ()

    def __init__(self, pattern: str, options: int = 0):
        self.pattern = pattern
        self.options = options

    def is_match(self, text: Any) -> bool:
        from pslark.runtime.wildcard import wildcard_match
        if text is None:
            return False
        return wildcard_match(self.pattern, C.to_string(text), case_sensitive=not self.options & 2)


WildcardPatternValue.net_methods = _methods(
    NetMethod("IsMatch", ("bool IsMatch(string input)",), lambda w, a: w.is_match(a[0])),
    NetMethod("ToWql", ("string ToWql()",), lambda w, a: _wildcard_to_wql(w.pattern)),
    NetMethod("ToString", ("string ToString()",), lambda w, a: "System.Management.Automation.WildcardPattern"),
)


def _wildcard_to_wql(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            d = pattern[i + 1]
            out.append("[" + d + "]" if d in "%_[" else d)
            i += 2
            continue
        out.append({"*": "%", "?": "_", "%": "[%]", "_": "[_]"}.get(c, c))
        i += 1
    return "".join(out)


def _wildcard_ctor(args: list) -> WildcardPatternValue:
    pattern = a_str(args, 0, "pattern")
    if pattern is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'pattern')")
    options = int(resolve_type("System.Management.Automation.WildcardOptions").convert(args[1])) if len(args) > 1 else 0
    return WildcardPatternValue(pattern, options)


def _wildcard_statics() -> list:
    from pslark.runtime import wildcard as W
    return [
        NetMethod("Escape", ("static string Escape(string pattern)",),
                  lambda t, a: W.escape_wildcard(a_str(a, 0, "pattern") or "")),
        NetMethod("Unescape", ("static string Unescape(string pattern)",),
                  lambda t, a: W.unescape_wildcard(a_str(a, 0, "pattern") or "")),
        NetMethod("ContainsWildcardCharacters", ("static bool ContainsWildcardCharacters(string pattern)",),
                  lambda t, a: W.has_wildcard(a_str(a, 0, "pattern"))),
        NetMethod("Get", ("static WildcardPattern Get(string pattern, "
                          "System.Management.Automation.WildcardOptions options)",),
                  lambda t, a: _wildcard_ctor(a)),
    ]


# ==============================================================================================
# System.Random

class PSRandom(NetObject):
    __slots__ = ("_r",)
    type_names = ["System.Random", "System.Object"]
    ps_properties = ()

    def __init__(self, seed: Optional[int] = None):
        import random
        self._r = random.Random(seed)


def _random_next(r: PSRandom, args: list):
    if not args:
        return r._r.randrange(0, INT32_MAX)
    if len(args) == 1:
        hi = a_int(args, 0, "maxValue")
        if hi < 0:
            raise ArgumentOutOfRangeException(f"'maxValue' must be greater than zero. (Parameter 'maxValue')\n"
                                              f"Actual value was {hi}.")
        return r._r.randrange(0, hi) if hi > 0 else 0
    lo, hi = a_int(args, 0, "minValue"), a_int(args, 1, "maxValue")
    if lo > hi:
        raise ArgumentOutOfRangeException(f"'minValue' cannot be greater than maxValue. (Parameter 'minValue')\n"
                                          f"Actual value was {lo}.")
    return r._r.randrange(lo, hi) if hi > lo else lo


def _random_next64(r: PSRandom, args: list):
    if not args:
        return Int64(r._r.randrange(0, INT64_MAX))
    if len(args) == 1:
        hi = a_long(args, 0, "maxValue")
        return Int64(r._r.randrange(0, hi) if hi > 0 else 0)
    lo, hi = a_long(args, 0, "minValue"), a_long(args, 1, "maxValue")
    return Int64(r._r.randrange(lo, hi) if hi > lo else lo)


def _random_next_bytes(r: PSRandom, args: list):
    arr = unwrap(args[0])
    if isinstance(arr, list):
        for i in range(len(arr)):
            arr[i] = Byte(r._r.randrange(0, 256))


def _random_shuffle(r: PSRandom, args: list):
    arr = unwrap(args[0])
    if isinstance(arr, list):
        r._r.shuffle(arr)


PSRandom.net_methods = _methods(
    NetMethod("Next", ("int Next()", "int Next(int maxValue)", "int Next(int minValue, int maxValue)"), _random_next),
    NetMethod("NextInt64", ("long NextInt64()", "long NextInt64(long maxValue)",
                            "long NextInt64(long minValue, long maxValue)"), _random_next64),
    NetMethod("NextDouble", ("double NextDouble()",), lambda r, a: r._r.random()),
    NetMethod("NextSingle", ("float NextSingle()",), lambda r, a: Single(r._r.random())),
    NetMethod("NextBytes", ("void NextBytes(byte[] buffer)",), _random_next_bytes),
    NetMethod("Shuffle", ("void Shuffle[T](T[] values)",), _random_shuffle),
    NetMethod("GetItems", ("T[] GetItems[T](T[] choices, int length)",),
              lambda r, a: [r._r.choice(list(unwrap(a[0]))) for _ in range(a_int(a, 1, "length"))]),
)


def _random_ctor(args: list) -> PSRandom:
    if args:
        return PSRandom(a_int(args, 0, "Seed"))
    return PSRandom()


_random_ctor.definitions = ("random new()", "random new(int Seed)")
_SHARED_RANDOM = None


def _shared_random():
    global _SHARED_RANDOM
    if _SHARED_RANDOM is None:
        _SHARED_RANDOM = PSRandom()
    return _SHARED_RANDOM


# ==============================================================================================
# Collections

def _generic_full(def_full: str, args: tuple) -> str:
    inner = ",".join(f"[{a.full_name}, {a.assembly}]" for a in args)
    return f"{def_full}[{inner}]"


def _generic_display(def_full: str, args: tuple) -> str:
    return f"{def_full}[{','.join(a.display for a in args)}]"


def _elem_converter(t: Optional[PSType]) -> Optional[Callable[[Any], Any]]:
    if t is None or t.full_name in ("System.Object", "System.Management.Automation.PSObject"):
        return None
    return t.convert


class KeyValuePair(NetObject):
    __slots__ = ("Key", "Value", "_tn")
    ps_properties = ("Key", "Value")
    _getters = {"key": lambda s: s.Key, "value": lambda s: s.Value}

    def __init__(self, key: Any, value: Any, type_name: str = "System.Collections.Generic.KeyValuePair`2"):
        self.Key = key
        self.Value = value
        self._tn = type_name

    @property
    def type_names(self):
        return [self._tn, "System.ValueType", "System.Object"]

    def ps_to_string(self) -> str:
        return f"[{_text(self.Key)}, {_text(self.Value)}]"


KeyValuePair.net_methods = _methods(
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.ps_to_string()),
)


def _string_comparer_ci(comparer: Any) -> Optional[bool]:
    comparer = unwrap(comparer)
    if isinstance(comparer, StringComparer):
        return comparer.ignore_case
    return None


class StringComparer(NetObject):
    __slots__ = ("name", "ignore_case")
    ps_properties = ()

    def __init__(self, name: str, ignore_case: bool):
        self.name, self.ignore_case = name, ignore_case

    @property
    def type_names(self):
        base = "System.OrdinalComparer" if "Ordinal" in self.name else "System.CultureAwareComparer"
        return [base, "System.StringComparer", "System.Object"]

    def ps_to_string(self):
        return self.type_names[0]

    def compare(self, a, b) -> int:
        sa, sb = C.to_string(a), C.to_string(b)
        if "Ordinal" in self.name:
            if self.ignore_case:
                sa, sb = sa.upper(), sb.upper()
            return -1 if sa < sb else (1 if sa > sb else 0)
        return C.string_compare(sa, sb, not self.ignore_case)


StringComparer.net_methods = _methods(
    NetMethod("Compare", ("int Compare(string x, string y)", "int Compare(System.Object x, System.Object y)"),
              lambda s, a: s.compare(a[0], a[1])),
    NetMethod("Equals", ("bool Equals(string x, string y)", "bool Equals(System.Object x, System.Object y)"),
              lambda s, a: s.compare(a[0], a[1]) == 0 if len(a) == 2 else s is unwrap(a[0])),
    NetMethod("GetHashCode", ("int GetHashCode(string obj)", "int GetHashCode(System.Object obj)"),
              lambda s, a: hash(C.to_string(a[0]).casefold() if s.ignore_case else C.to_string(a[0])) & 0x7FFFFFFF),
)

_COMPARERS = {n.casefold(): StringComparer(n, "IgnoreCase" in n) for n in (
    "Ordinal", "OrdinalIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "CurrentCulture",
    "CurrentCultureIgnoreCase")}


class GenericDictionary(Hashtable):
    """System.Collections.Generic.Dictionary[K,V] (and SortedDictionary): keys compare exactly unless a
    case-insensitive StringComparer was given; keys and values convert to K and V."""

    __slots__ = ("type_name", "key_type", "value_type", "ci", "display_name", "kind", "lock")

    def __init__(self, items=(), key_type: Optional[PSType] = None, value_type: Optional[PSType] = None,
                 type_name: str = "System.Collections.Generic.Dictionary`2", ci: bool = False,
                 display_name: str = "", kind: str = "Dictionary"):
        self.type_name = type_name
        self.key_type = key_type
        self.value_type = value_type
        self.ci = ci
        self.display_name = display_name or type_name
        self.kind = kind
        self.lock = None
        super().__init__(items)

    def _k(self, key):
        if self.ci and isinstance(key, str):
            return key.casefold()
        if isinstance(key, (bool, float)) or type(key) is not int and isinstance(key, int):
            return (type(key).__name__, key)
        return key

    def conv_key(self, key):
        if key is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'key')")
        conv = _elem_converter(self.key_type)
        return conv(key) if conv is not None else key

    def conv_value(self, value):
        conv = _elem_converter(self.value_type)
        return conv(value) if conv is not None else value

    def __getitem__(self, key):
        return self._data[self._k(key)][1]

    def get(self, key, default=None):
        try:
            entry = self._data.get(self._k(key))
        except TypeError:
            return default
        return default if entry is None else entry[1]

    def __setitem__(self, key, value):
        fk = self._k(key)
        entry = self._data.get(fk)
        self._data[fk] = (key if entry is None else entry[0], value)

    def add(self, key, value):
        if self._k(key) in self._data:
            raise KeyError(key)
        self[key] = value

    def __delitem__(self, key):
        del self._data[self._k(key)]

    def remove(self, key):
        return self._data.pop(self._k(key), None) is not None

    def __contains__(self, key):
        try:
            return self._k(key) in self._data
        except TypeError:
            return False

    def copy(self):
        new = GenericDictionary((), self.key_type, self.value_type, self.type_name, self.ci, self.display_name,
                                self.kind)
        new._data = dict(self._data)
        return new

    def items(self):
        if self.kind == "SortedDictionary":
            return sorted(self._data.values(), key=_SortKey)
        return list(self._data.values())

    def keys(self):
        return [k for k, _ in self.items()]

    def values(self):
        return [v for _, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    @property
    def type_names(self):
        if self.kind == "ConcurrentDictionary":
            return [self.type_name, "System.Object"]
        return [self.type_name, "System.Object"]

    def ps_to_string(self) -> str:
        return self.display_name

    def pair_type(self) -> str:
        return _generic_full("System.Collections.Generic.KeyValuePair`2",
                             (self.key_type or _OBJ(), self.value_type or _OBJ()))


class _SortKey:
    __slots__ = ("k",)

    def __init__(self, entry):
        self.k = entry[0]

    def __lt__(self, other):
        try:
            return C.compare(self.k, other.k, True) < 0
        except PSException:
            return C.to_string(self.k) < C.to_string(other.k)


def _OBJ() -> PSType:
    return resolve_type("System.Object")


class HashSetValue(NetObject):
    """System.Collections.Generic.HashSet[T] / SortedSet[T]."""

    __slots__ = ("_items", "element_type", "type_name", "display_name", "ci", "sorted")
    ps_properties = ("Count", "Comparer")

    def __init__(self, items: Iterable = (), element_type: Optional[PSType] = None,
                 type_name: str = "System.Collections.Generic.HashSet`1", ci: bool = False,
                 display_name: str = "", is_sorted: bool = False):
        self._items: dict = {}
        self.element_type = element_type
        self.type_name = type_name
        self.display_name = display_name or type_name
        self.ci = ci
        self.sorted = is_sorted
        for x in items:
            self.add(x)

    @property
    def type_names(self):
        return [self.type_name, "System.Object"]

    def _k(self, v):
        if isinstance(v, str):
            return ("s", v.casefold() if self.ci else str.__str__(v))
        if isinstance(v, bool):
            return ("b", v)
        if isinstance(v, (int, float, _Dec)):
            return (C.type_name_of(v), v)
        try:
            hash(v)
            return ("o", v)
        except TypeError:
            return ("i", id(v))

    def conv(self, v):
        conv = _elem_converter(self.element_type)
        return conv(v) if conv is not None else unwrap(v) if isinstance(v, PSObject) and v.base is not None else v

    def add(self, v) -> bool:
        v = typed_arg(_elem_converter(self.element_type), v, "item", self.element_type)
        k = self._k(v)
        if k in self._items:
            return False
        self._items[k] = v
        return True

    def contains(self, v) -> bool:
        try:
            return self._k(self.conv(v)) in self._items
        except PSException:
            return False

    def remove(self, v) -> bool:
        try:
            return self._items.pop(self._k(self.conv(v)), _MISSING) is not _MISSING
        except PSException:
            return False

    def values(self) -> list:
        vals = list(self._items.values())
        if self.sorted:
            import functools
            vals.sort(key=functools.cmp_to_key(lambda a, b: C.sort_key_compare(a, b, True)))
        return vals

    def ps_enumerate(self):
        return iter(self.values())

    def __iter__(self):
        return iter(self.values())

    def __len__(self):
        return len(self._items)

    def ps_to_string(self):
        return self.display_name

    _getters = {"count": lambda s: len(s._items), "comparer": lambda s: _COMPARERS["ordinalignorecase"]
                if s.ci else "System.Collections.Generic.ObjectEqualityComparer`1",
                "min": lambda s: s.values()[0] if s._items else None,
                "max": lambda s: s.values()[-1] if s._items else None}


_MISSING = object()


def _enum_items(v: Any) -> list:
    """Items of an IEnumerable argument."""
    v = unwrap(v)
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'other')")
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, Hashtable):
        return [DictionaryEntryValue(k, val) for k, val in v.items()]
    enum = getattr(v, "ps_enumerate", None)
    if enum is not None:
        return list(enum())
    if isinstance(v, str):
        return [PSChar(c) for c in v]
    return [v]


def DictionaryEntryValue(key, value):
    from pslark.runtime.formatting.values import DictionaryEntry
    return DictionaryEntry(key, value)


def _hs_bulk(op: str):
    def run(s: HashSetValue, args):
        other = [s.conv(x) for x in _enum_items(args[0])]
        okeys = {s._k(x): x for x in other}
        if op == "union":
            for k, x in okeys.items():
                s._items.setdefault(k, x)
        elif op == "intersect":
            s._items = {k: v for k, v in s._items.items() if k in okeys}
        elif op == "except":
            for k in okeys:
                s._items.pop(k, None)
        elif op == "symexcept":
            for k, x in okeys.items():
                if k in s._items:
                    del s._items[k]
                else:
                    s._items[k] = x
        elif op == "subset":
            return all(k in okeys for k in s._items)
        elif op == "superset":
            return all(k in s._items for k in okeys)
        elif op == "propersubset":
            return all(k in okeys for k in s._items) and len(okeys) > len(s._items)
        elif op == "propersuperset":
            return all(k in s._items for k in okeys) and len(s._items) > len(okeys)
        elif op == "overlaps":
            return any(k in s._items for k in okeys)
        elif op == "setequals":
            return set(okeys) == set(s._items)
        return None
    return run


def _hs_remove_where(s: HashSetValue, args):
    n = 0
    for k, v in list(s._items.items()):
        if C.to_bool(delegate_call(args[0], [v])):
            del s._items[k]
            n += 1
    return n


HashSetValue.net_methods = _methods(
    NetMethod("Add", ("bool Add(T item)",), lambda s, a: s.add(a[0])),
    NetMethod("Remove", ("bool Remove(T item)",), lambda s, a: s.remove(a[0])),
    NetMethod("Contains", ("bool Contains(T item)",), lambda s, a: s.contains(a[0])),
    NetMethod("Clear", ("void Clear()",), lambda s, a: s._items.clear()),
    NetMethod("UnionWith", ("void UnionWith(System.Collections.Generic.IEnumerable[T] other)",), _hs_bulk("union")),
    NetMethod("IntersectWith", ("void IntersectWith(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("intersect")),
    NetMethod("ExceptWith", ("void ExceptWith(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("except")),
    NetMethod("SymmetricExceptWith", ("void SymmetricExceptWith(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("symexcept")),
    NetMethod("IsSubsetOf", ("bool IsSubsetOf(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("subset")),
    NetMethod("IsSupersetOf", ("bool IsSupersetOf(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("superset")),
    NetMethod("IsProperSubsetOf", ("bool IsProperSubsetOf(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("propersubset")),
    NetMethod("IsProperSupersetOf", ("bool IsProperSupersetOf(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("propersuperset")),
    NetMethod("Overlaps", ("bool Overlaps(System.Collections.Generic.IEnumerable[T] other)",), _hs_bulk("overlaps")),
    NetMethod("SetEquals", ("bool SetEquals(System.Collections.Generic.IEnumerable[T] other)",),
              _hs_bulk("setequals")),
    NetMethod("RemoveWhere", ("int RemoveWhere(System.Predicate[T] match)",), _hs_remove_where),
    NetMethod("CopyTo", ("void CopyTo(T[] array)", "void CopyTo(T[] array, int arrayIndex)"),
              lambda s, a: _copy_to(s.values(), a)),
    NetMethod("TrimExcess", ("void TrimExcess()",), lambda s, a: None),
    NetMethod("TryGetValue", ("bool TryGetValue(T equalValue, [ref] T actualValue)",),
              lambda s, a: _hs_try_get(s, a)),
    NetMethod("GetEnumerator", ("System.Collections.Generic.HashSet`1+Enumerator[T] GetEnumerator()",),
              lambda s, a: s.values()),
    NetMethod("ToString", ("string ToString()",), lambda s, a: s.display_name),
)


def _hs_try_get(s: HashSetValue, a):
    k = s._k(s.conv(a[0]))
    if k in s._items:
        _set_ref(a[1], s._items[k])
        return True
    _set_ref(a[1], None)
    return False


def _copy_to(items: list, args: list):
    arr = unwrap(args[0])
    start = a_int(args, 1, "arrayIndex") if len(args) > 1 else 0
    if not isinstance(arr, list):
        raise ArgumentException("Destination array was not long enough.")
    if start + len(items) > len(arr):
        raise ArgumentException("Destination array was not long enough. Check the destination index, length, and the "
                                "array's lower bounds. (Parameter 'destinationArray')")
    for i, x in enumerate(items):
        arr[start + i] = x


class QueueValue(NetObject):
    """Queue / Stack (generic and non-generic) and the concurrent queue, stack and bag."""

    __slots__ = ("_d", "element_type", "type_name", "display_name", "kind", "lock")
    ps_properties = ("Count",)

    def __init__(self, kind: str, items: Iterable = (), element_type: Optional[PSType] = None,
                 type_name: str = "", display_name: str = ""):
        import collections
        self.kind = kind                       # Queue, Stack, ConcurrentQueue, ConcurrentStack, ConcurrentBag
        self.element_type = element_type
        self.type_name = type_name
        self.display_name = display_name or type_name
        self._d = collections.deque()
        self.lock = threading.RLock() if kind.startswith("Concurrent") else None
        for x in items:
            self.put(x)

    @property
    def type_names(self):
        return [self.type_name, "System.Object"]

    @property
    def net_methods(self) -> dict:
        if self.kind in ("Queue", "ConcurrentQueue"):
            return QUEUE_METHODS
        if self.kind == "ConcurrentBag":
            return BAG_METHODS
        return STACK_METHODS

    @property
    def lifo(self) -> bool:
        return self.kind in ("Stack", "ConcurrentStack", "ConcurrentBag")

    def conv(self, v):
        conv = _elem_converter(self.element_type)
        return conv(v) if conv is not None else v

    def put(self, v):
        v = typed_arg(_elem_converter(self.element_type), v, "item", self.element_type)
        if self.lock is not None:
            with self.lock:
                self._d.append(v)
        else:
            self._d.append(v)

    def take(self, peek: bool = False):
        """The next item (raises IndexError when empty)."""
        if self.lock is not None:
            with self.lock:
                return self._take(peek)
        return self._take(peek)

    def _take(self, peek: bool):
        if self.lifo:
            return self._d[-1] if peek else self._d.pop()
        return self._d[0] if peek else self._d.popleft()

    def values(self) -> list:
        items = list(self._d)
        return items[::-1] if self.lifo else items

    def ps_enumerate(self):
        return iter(self.values())

    def __iter__(self):
        return iter(self.values())

    def __len__(self):
        return len(self._d)

    def ps_to_string(self):
        return self.display_name

    _getters = {"count": lambda s: len(s._d), "isempty": lambda s: not s._d,
                "issynchronized": lambda s: s.lock is not None, "syncroot": lambda s: s}


def _q_take(empty_message: str, peek: bool):
    def run(q: QueueValue, args):
        try:
            return q.take(peek)
        except IndexError:
            raise InvalidOperationException(empty_message)
    return run


def _q_try(peek: bool):
    def run(q: QueueValue, args):
        try:
            v = q.take(peek)
        except IndexError:
            _set_ref(args[0], None)
            return False
        _set_ref(args[0], v)
        return True
    return run


def _q_contains(q: QueueValue, args):
    v = args[0]
    return any(C.equals(x, v, True) if isinstance(x, str) else C.equals(x, v) for x in q._d)


_Q_COMMON = (
    NetMethod("Clear", ("void Clear()",), lambda q, a: q._d.clear()),
    NetMethod("Contains", ("bool Contains(T item)",), _q_contains),
    NetMethod("ToArray", ("T[] ToArray()",), lambda q, a: _typed_list(q.values(), q.element_type)),
    NetMethod("CopyTo", ("void CopyTo(T[] array, int arrayIndex)",), lambda q, a: _copy_to(q.values(), a)),
    NetMethod("TrimExcess", ("void TrimExcess()",), lambda q, a: None),
    NetMethod("GetEnumerator", ("System.Collections.IEnumerator GetEnumerator()",), lambda q, a: q.values()),
    NetMethod("ToString", ("string ToString()",), lambda q, a: q.display_name),
)


def _typed_list(items: list, element_type: Optional[PSType]) -> list:
    if element_type is None or element_type.full_name == "System.Object":
        return list(items)
    return TypedArray(items, element_type)


QUEUE_METHODS = _methods(
    NetMethod("Enqueue", ("void Enqueue(T item)",), lambda q, a: q.put(a[0])),
    NetMethod("Dequeue", ("T Dequeue()",), _q_take("Queue empty.", False)),
    NetMethod("Peek", ("T Peek()",), _q_take("Queue empty.", True)),
    NetMethod("TryDequeue", ("bool TryDequeue([ref] T result)",), _q_try(False)),
    NetMethod("TryPeek", ("bool TryPeek([ref] T result)",), _q_try(True)),
    *_Q_COMMON)
STACK_METHODS = _methods(
    NetMethod("Push", ("void Push(T item)",), lambda q, a: q.put(a[0])),
    NetMethod("Pop", ("T Pop()",), _q_take("Stack empty.", False)),
    NetMethod("Peek", ("T Peek()",), _q_take("Stack empty.", True)),
    NetMethod("TryPop", ("bool TryPop([ref] T result)",), _q_try(False)),
    NetMethod("TryPeek", ("bool TryPeek([ref] T result)",), _q_try(True)),
    NetMethod("PushRange", ("void PushRange(T[] items)",), lambda q, a: [q.put(x) for x in _enum_items(a[0])] and None),
    *_Q_COMMON)
BAG_METHODS = _methods(
    NetMethod("Add", ("void Add(T item)",), lambda q, a: q.put(a[0])),
    NetMethod("TryTake", ("bool TryTake([ref] T result)",), _q_try(False)),
    NetMethod("TryPeek", ("bool TryPeek([ref] T result)",), _q_try(True)),
    *_Q_COMMON)


# ---------------------------------------------------------------------------------------------
# Dictionary methods (Hashtable, OrderedDictionary, Dictionary[K,V], ConcurrentDictionary)

def _is_generic_dict(d) -> bool:
    return isinstance(d, GenericDictionary)


def _dict_key(d, key):
    if isinstance(d, GenericDictionary):
        return d.conv_key(key)
    if key is None:
        raise ArgumentNullException("Key cannot be null. (Parameter 'key')")
    return unwrap(key) if isinstance(key, PSObject) else key


def dict_add(d, key, value) -> None:
    key = _dict_key(d, key)
    if isinstance(d, GenericDictionary):
        value = d.conv_value(value)
    if key in d:
        if isinstance(d, GenericDictionary):
            raise ArgumentException(f"An item with the same key has already been added. Key: {_text(key)}")
        existing = next((k for k in d.keys() if C.equals(k, key)), key)
        raise ArgumentException(f"Item has already been added. Key in dictionary: '{_text(existing)}'  Key being "
                                f"added: '{_text(key)}'")
    d[key] = value


def _d_add(d, a):
    key, value = a[0], a[1]
    if isinstance(d, GenericDictionary):
        if key is not None:
            key = typed_arg(_elem_converter(d.key_type), key, "key", d.key_type)
        value = typed_arg(_elem_converter(d.value_type), value, "value", d.value_type)
        if d.lock is not None:
            with d.lock:
                dict_add(d, key, value)
            return
    dict_add(d, key, value)


def _d_remove(d, a):
    key = a[0]
    if key is None:
        raise ArgumentNullException("Key cannot be null. (Parameter 'key')" if not _is_generic_dict(d)
                                    else "Value cannot be null. (Parameter 'key')")
    if isinstance(d, GenericDictionary):
        try:
            key = d.conv_key(key)
        except PSInvalidCastException:
            return False
        if len(a) > 1:
            found = key in d
            _set_ref(a[1], d.get(key) if found else None)
        existed = key in d
        d.remove(key)
        return existed
    d.remove(key)
    return None


def _d_contains_key(d, a):
    key = a[0]
    if key is None:
        raise ArgumentNullException("Key cannot be null. (Parameter 'key')" if not _is_generic_dict(d)
                                    else "Value cannot be null. (Parameter 'key')")
    if isinstance(d, GenericDictionary):
        try:
            key = d.conv_key(key)
        except PSInvalidCastException:
            return False
    return key in d


def _d_contains_value(d, a):
    v = a[0]
    for x in d.values():
        if x is None and v is None:
            return True
        if x is not None and v is not None and C.equals(x, v, True) and type(unwrap(x)) == type(unwrap(v)):
            return True
        if x is not None and v is not None and C.equals(x, v, True) and not isinstance(x, str):
            return True
    return False


def _d_try_get(d, a):
    key = a[0]
    if key is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'key')")
    try:
        k = d.conv_key(key) if isinstance(d, GenericDictionary) else key
    except PSInvalidCastException:
        _set_ref(a[1], None)
        return False
    if k in d:
        _set_ref(a[1], d[k])
        return True
    default = None
    if isinstance(d, GenericDictionary) and d.value_type is not None and d.value_type.is_value_type:
        try:
            default = d.value_type.convert(0) if d.value_type.full_name != "System.Boolean" else False
        except PSException:
            default = None
    _set_ref(a[1], default)
    return False


def _d_try_add(d, a):
    key = d.conv_key(a[0]) if isinstance(d, GenericDictionary) else a[0]
    lock = d.lock if isinstance(d, GenericDictionary) else None
    if lock is not None:
        with lock:
            if key in d:
                return False
            d[key] = d.conv_value(a[1])
            return True
    if key in d:
        return False
    d[key] = d.conv_value(a[1]) if isinstance(d, GenericDictionary) else a[1]
    return True


def _d_clone(d, a):
    return d.copy()


def _d_enumerator(d, a):
    if isinstance(d, GenericDictionary):
        tn = d.pair_type()
        return [KeyValuePair(k, v, tn) for k, v in d.items()]
    return [DictionaryEntryValue(k, v) for k, v in d.items()]


def _d_item(d, a):
    if len(a) == 2:
        set_dictionary_item(d, a[0], a[1])
        return None
    return get_dictionary_item(d, a[0])


def get_dictionary_item(d, key):
    if isinstance(d, GenericDictionary):
        try:
            key = d.conv_key(key)
        except PSInvalidCastException:
            return None
        if key not in d:
            raise E.KeyNotFoundException(f"The given key '{_text(key)}' was not present in the dictionary.")
        return d[key]
    if isinstance(d, OrderedDictionary) and is_integer(key):
        items = d.items()
        if not 0 <= key < len(items):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'index')")
        return items[key][1]
    return d.get(key)


def set_dictionary_item(d, key, value):
    if isinstance(d, GenericDictionary):
        key = d.conv_key(key)
        value = d.conv_value(value)
        if d.lock is not None:
            with d.lock:
                d[key] = value
            return
        d[key] = value
        return
    if key is None:
        raise ArgumentNullException("Key cannot be null. (Parameter 'key')")
    if isinstance(d, OrderedDictionary) and is_integer(key):
        items = d.items()
        if not 0 <= key < len(items):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'index')")
        d[items[key][0]] = value
        return
    d[unwrap(key) if isinstance(key, PSObject) else key] = value


def _od_insert(d, a):
    idx = a_int(a, 0, "index")
    items = d.items()
    if not 0 <= idx <= len(items):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than or equal to "
                                          "the size of the collection. (Parameter 'index')")
    key = a[1]
    if key in d:
        raise ArgumentException("An item with the same key has already been added.")
    items.insert(idx, (key, a[2]))
    d.clear()
    for k, v in items:
        d[k] = v


def _od_remove_at(d, a):
    idx = a_int(a, 0, "index")
    items = d.items()
    if not 0 <= idx < len(items):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'index')")
    d.remove(items[idx][0])


def _cd_add_or_update(d, a):
    key = d.conv_key(a[0])
    from pslark.runtime.scriptblock import ScriptBlock
    with d.lock:
        if key in d:
            new = delegate_call(a[2], [key, d[key]])
        else:
            add = unwrap(a[1])
            new = delegate_call(add, [key]) if isinstance(add, ScriptBlock) else a[1]
        new = d.conv_value(new)
        d[key] = new
        return new


def _cd_get_or_add(d, a):
    key = d.conv_key(a[0])
    from pslark.runtime.scriptblock import ScriptBlock
    with d.lock:
        if key in d:
            return d[key]
        add = unwrap(a[1])
        new = delegate_call(add, [key]) if isinstance(add, ScriptBlock) else a[1]
        new = d.conv_value(new)
        d[key] = new
        return new


def _cd_try_remove(d, a):
    key = d.conv_key(a[0])
    with d.lock:
        if key in d:
            v = d[key]
            d.remove(key)
            if len(a) > 1:
                _set_ref(a[1], v)
            return True
        if len(a) > 1:
            _set_ref(a[1], None)
        return False


def _cd_try_update(d, a):
    key = d.conv_key(a[0])
    with d.lock:
        if key in d and C.equals(d[key], a[2]):
            d[key] = d.conv_value(a[1])
            return True
        return False


def _cd_try_get(d, a):
    with d.lock:
        return _d_try_get(d, a)


def _d_keys(d, a=None):
    return KeyCollection(d.keys(), d, "Keys")


def _d_values(d, a=None):
    return KeyCollection(d.values(), d, "Values")


class KeyCollection(list):
    """Hashtable.Keys / .Values (a snapshot list with the collection's type name)."""

    __slots__ = ("type_name",)

    def __init__(self, items, owner, which: str):
        super().__init__(items)
        if isinstance(owner, GenericDictionary):
            kind = owner.kind if owner.kind != "ConcurrentDictionary" else None
            if kind is None:
                self.type_name = "System.Collections.ObjectModel.ReadOnlyCollection`1"
            else:
                t = owner.key_type if which == "Keys" else owner.value_type
                self.type_name = (f"System.Collections.Generic.{kind}`2+{which[:-1]}Collection"
                                  f"[[{(t or _OBJ()).full_name}]]")
        elif isinstance(owner, OrderedDictionary):
            self.type_name = f"System.Collections.Specialized.OrderedDictionary+OrderedDictionary{which[:-1]}Collection"
        else:
            self.type_name = f"System.Collections.Hashtable+{which[:-1]}Collection"

    @property
    def type_names(self):
        return [self.type_name, "System.Object"]


_DICT_COMMON = (
    NetMethod("Add", ("void Add(System.Object key, System.Object value)",
                      "void IDictionary.Add(System.Object key, System.Object value)"), _d_add),
    NetMethod("Clear", ("void Clear()", "void IDictionary.Clear()"), lambda d, a: d.clear()),
    NetMethod("ContainsKey", ("bool ContainsKey(System.Object key)",), _d_contains_key),
    NetMethod("ContainsValue", ("bool ContainsValue(System.Object value)",), _d_contains_value),
    NetMethod("GetEnumerator", ("System.Collections.IDictionaryEnumerator GetEnumerator()",
                                "System.Collections.IDictionaryEnumerator IDictionary.GetEnumerator()",
                                "System.Collections.IEnumerator IEnumerable.GetEnumerator()"), _d_enumerator),
    NetMethod("CopyTo", ("void CopyTo(array array, int arrayIndex)",
                         "void ICollection.CopyTo(array array, int index)"),
              lambda d, a: _copy_to(_d_enumerator(d, a), a)),
)

HASHTABLE_METHODS = _methods(
    *_DICT_COMMON,
    NetMethod("Clone", ("System.Object Clone()", "System.Object ICloneable.Clone()"), _d_clone),
    NetMethod("Contains", ("bool Contains(System.Object key)", "bool IDictionary.Contains(System.Object key)"),
              _d_contains_key),
    NetMethod("Remove", ("void Remove(System.Object key)", "void IDictionary.Remove(System.Object key)"), _d_remove),
    NetMethod("Item", ("System.Object Item(System.Object key) {get;set;}",), _d_item),
)

BOUND_PARAMETERS_METHODS = dict(HASHTABLE_METHODS)
BOUND_PARAMETERS_METHODS.update(_methods(
    NetMethod("TryGetValue", ("bool TryGetValue(string key, [ref] System.Object value)",), _d_try_get),
    NetMethod("TryAdd", ("bool TryAdd(string key, System.Object value)",), _d_try_add),
))

ORDERED_METHODS = dict(HASHTABLE_METHODS)
ORDERED_METHODS.update(_methods(
    NetMethod("Insert", ("void Insert(int index, System.Object key, System.Object value)",
                         "void IOrderedDictionary.Insert(int index, System.Object key, System.Object value)"),
              _od_insert),
    NetMethod("RemoveAt", ("void RemoveAt(int index)", "void IOrderedDictionary.RemoveAt(int index)"), _od_remove_at),
    NetMethod("AsReadOnly", ("System.Collections.Specialized.OrderedDictionary AsReadOnly()",), _d_clone),
    NetMethod("Item", ("System.Object Item(int index) {get;set;}", "System.Object Item(System.Object key) {get;set;}"),
              _d_item),
))
ORDERED_METHODS.pop("clone", None)

GENERIC_DICT_METHODS = _methods(
    NetMethod("Add", ("void Add(TKey key, TValue value)",
                      "void IDictionary[TKey,TValue].Add(TKey key, TValue value)"), _d_add),
    NetMethod("Clear", ("void Clear()",), lambda d, a: d.clear()),
    NetMethod("ContainsKey", ("bool ContainsKey(TKey key)",), _d_contains_key),
    NetMethod("ContainsValue", ("bool ContainsValue(TValue value)",), _d_contains_value),
    NetMethod("Remove", ("bool Remove(TKey key)", "bool Remove(TKey key, [ref] TValue value)"), _d_remove),
    NetMethod("TryGetValue", ("bool TryGetValue(TKey key, [ref] TValue value)",), _d_try_get),
    NetMethod("TryAdd", ("bool TryAdd(TKey key, TValue value)",), _d_try_add),
    NetMethod("GetEnumerator", ("System.Collections.Generic.Dictionary`2+Enumerator[TKey,TValue] GetEnumerator()",),
              _d_enumerator),
    NetMethod("EnsureCapacity", ("int EnsureCapacity(int capacity)",), lambda d, a: max(len(d), a_int(a, 0))),
    NetMethod("TrimExcess", ("void TrimExcess()", "void TrimExcess(int capacity)"), lambda d, a: None),
    NetMethod("Item", ("TValue Item(TKey key) {get;set;}",), _d_item),
)

CONCURRENT_DICT_METHODS = _methods(
    NetMethod("TryAdd", ("bool TryAdd(TKey key, TValue value)",), _d_try_add),
    NetMethod("TryGetValue", ("bool TryGetValue(TKey key, [ref] TValue value)",), _cd_try_get),
    NetMethod("TryRemove", ("bool TryRemove(TKey key, [ref] TValue value)",
                            "bool TryRemove(System.Collections.Generic.KeyValuePair[TKey,TValue] item)"),
              _cd_try_remove),
    NetMethod("TryUpdate", ("bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)",), _cd_try_update),
    NetMethod("AddOrUpdate", ("TValue AddOrUpdate(TKey key, System.Func[TKey,TValue] addValueFactory, "
                              "System.Func[TKey,TValue,TValue] updateValueFactory)",
                              "TValue AddOrUpdate(TKey key, TValue addValue, System.Func[TKey,TValue,TValue] "
                              "updateValueFactory)"), _cd_add_or_update),
    NetMethod("GetOrAdd", ("TValue GetOrAdd(TKey key, System.Func[TKey,TValue] valueFactory)",
                           "TValue GetOrAdd(TKey key, TValue value)"), _cd_get_or_add),
    NetMethod("ContainsKey", ("bool ContainsKey(TKey key)",), _d_contains_key),
    NetMethod("Clear", ("void Clear()",), lambda d, a: d.clear()),
    NetMethod("ToArray", ("System.Collections.Generic.KeyValuePair[TKey,TValue][] ToArray()",), _d_enumerator),
    NetMethod("GetEnumerator", ("System.Collections.Generic.IEnumerator[System.Collections.Generic.KeyValuePair"
                                "[TKey,TValue]] GetEnumerator()",), _d_enumerator),
    NetMethod("Item", ("TValue Item(TKey key) {get;set;}",), _d_item),
)


class BoundParametersDictionary(Hashtable):
    """$PSBoundParameters: pwsh's PSBoundParametersDictionary, a case-insensitive Dictionary[string, object]
    (so it has TryGetValue, which proxy functions use)."""

    __slots__ = ()
    type_name = "System.Management.Automation.PSBoundParametersDictionary"
    type_names = ["System.Management.Automation.PSBoundParametersDictionary",
                  "System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib, Version=8.0.0.0, "
                  "Culture=neutral, PublicKeyToken=7cec85d7bea7798e],[System.Object, System.Private.CoreLib, "
                  "Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e]]", "System.Object"]


def dictionary_methods(d) -> dict:
    if isinstance(d, BoundParametersDictionary):
        return BOUND_PARAMETERS_METHODS
    if isinstance(d, GenericDictionary):
        return CONCURRENT_DICT_METHODS if d.kind == "ConcurrentDictionary" else GENERIC_DICT_METHODS
    if isinstance(d, OrderedDictionary):
        return ORDERED_METHODS
    return HASHTABLE_METHODS


def dictionary_property(d, key: str) -> tuple[bool, Any]:
    """The .NET properties of a dictionary (Count, Keys, Values, IsReadOnly ...)."""
    if key == "count":
        return True, len(d)
    if key == "keys":
        return True, _d_keys(d)
    if key == "values":
        return True, _d_values(d)
    if key == "isreadonly":
        return True, False
    if key == "isfixedsize":
        return True, False
    if key == "issynchronized":
        return True, False
    if key == "syncroot":
        return True, d
    if isinstance(d, GenericDictionary):
        if key == "comparer":
            return True, _COMPARERS["ordinalignorecase"] if d.ci else "System.Collections.Generic."\
                "GenericEqualityComparer`1"
        if key == "isempty" and d.kind == "ConcurrentDictionary":
            return True, len(d) == 0
        if key == "capacity":
            return True, len(d)
    return False, None


def dictionary_property_names(d) -> list:
    if isinstance(d, GenericDictionary):
        if d.kind == "ConcurrentDictionary":
            return ["Item", "Count", "IsEmpty", "Keys", "Values"]
        return ["Comparer", "Count", "Keys", "Values", "Item"][:-1]
    if isinstance(d, OrderedDictionary):
        return ["Count", "IsReadOnly", "Keys", "Values", "IsFixedSize", "SyncRoot", "IsSynchronized"]
    return ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"]


# ---------------------------------------------------------------------------------------------
# ArrayList / List[T]

def list_conv(lst: PSList, v: Any) -> Any:
    et = lst.element_type
    if et is None:
        return v
    conv = _elem_converter(et)
    return conv(v) if conv is not None else v


def typed_arg(conv: Optional[Callable[[Any], Any]], value: Any, param: str, t: Optional[PSType]) -> Any:
    """A method argument converted to a generic parameter type T (pwsh's argument-conversion error on failure)."""
    if conv is None:
        return value
    return _arg_conv(value, conv, param, t.display if t is not None else "System.Object")


def _is_generic_list(lst) -> bool:
    return lst.element_type is not None or lst.type_name.startswith("System.Collections.Generic.List")


def _l_add(lst: PSList, a):
    lst.append(typed_arg(_elem_converter(lst.element_type), a[0], "item", lst.element_type))
    if _is_generic_list(lst):
        return None
    return len(lst) - 1


def _l_add_range(lst: PSList, a):
    items = unwrap(a[0])
    if items is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'collection')" if _is_generic_list(lst)
                                    else "Value cannot be null. (Parameter 'c')")
    lst.extend(list_conv(lst, x) for x in _enum_items(items))


def _l_index_check(lst, idx: int, inclusive: bool = False):
    hi = len(lst) + (1 if inclusive else 0)
    if not 0 <= idx < hi:
        if inclusive:
            raise ArgumentOutOfRangeException("Index must be within the bounds of the List. (Parameter 'index')"
                                              if _is_generic_list(lst) else
                                              "Insertion index was out of range. Must be non-negative and less than "
                                              "or equal to size. (Parameter 'index')")
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'index')")


def _l_insert(lst: PSList, a):
    idx = a_int(a, 0, "index")
    item = typed_arg(_elem_converter(lst.element_type), a[1], "item", lst.element_type)
    _l_index_check(lst, idx, True)
    lst.insert(idx, item)


def _l_insert_range(lst: PSList, a):
    idx = a_int(a, 0, "index")
    _l_index_check(lst, idx, True)
    lst[idx:idx] = [list_conv(lst, x) for x in _enum_items(a[1])]


def _l_find_index(lst: list, v: Any, start: int = 0, end: Optional[int] = None) -> int:
    end = len(lst) if end is None else end
    for i in range(start, end):
        x = lst[i]
        if _net_equals(x, v):
            return i
    return -1


def _net_equals(x: Any, v: Any) -> bool:
    """Object.Equals as collections use it: same value and compatible type; strings case-sensitive."""
    x, v = unwrap(x), unwrap(v)
    if x is None or v is None:
        return x is None and v is None
    if isinstance(x, str) and isinstance(v, str):
        return str.__eq__(x, v)
    if isinstance(x, str) != isinstance(v, str):
        return False
    if is_number(x) and is_number(v):
        return x == v
    try:
        return C.equals(x, v, True)
    except PSException:
        return False


def _l_remove(lst: PSList, a):
    try:
        v = list_conv(lst, a[0])
    except PSException:
        return False if _is_generic_list(lst) else None
    i = _l_find_index(lst, v)
    if i >= 0:
        del lst[i]
    if _is_generic_list(lst):
        return i >= 0
    return None


def _l_remove_at(lst: PSList, a):
    idx = a_int(a, 0, "index")
    _l_index_check(lst, idx)
    del lst[idx]


def _l_remove_range(lst: PSList, a):
    idx, count = a_int(a, 0, "index"), a_int(a, 1, "count")
    if idx < 0 or count < 0:
        raise ArgumentOutOfRangeException("Non-negative number required. (Parameter 'index')")
    if idx + count > len(lst):
        raise ArgumentException("Offset and length were out of bounds for the array or count is greater than the "
                                "number of elements from index to the end of the source collection.")
    del lst[idx:idx + count]


def _l_remove_all(lst: PSList, a):
    keep = [x for x in lst if not C.to_bool(delegate_call(a[0], [x]))]
    n = len(lst) - len(keep)
    lst[:] = keep
    return n


def _l_contains(lst, a):
    try:
        v = list_conv(lst, a[0]) if isinstance(lst, PSList) else a[0]
    except PSException:
        return False
    return _l_find_index(lst, v) >= 0


def _l_index_of(lst, a):
    try:
        v = list_conv(lst, a[0]) if isinstance(lst, PSList) else a[0]
    except PSException:
        return -1
    start = a_int(a, 1, "index") if len(a) > 1 else 0
    if start < 0 or start > len(lst):
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'index')")
    end = start + a_int(a, 2, "count") if len(a) > 2 else len(lst)
    return _l_find_index(lst, v, start, end)


def _l_last_index_of(lst, a):
    try:
        v = list_conv(lst, a[0]) if isinstance(lst, PSList) else a[0]
    except PSException:
        return -1
    for i in range(len(lst) - 1, -1, -1):
        if _net_equals(lst[i], v):
            return i
    return -1


def net_sort_key():
    import functools

    def cmp(a, b):
        a, b = unwrap(a), unwrap(b)
        if a is None or b is None:
            return (0 if a is b else (-1 if a is None else 1))
        if isinstance(a, str) and not isinstance(b, str) or isinstance(b, str) and not isinstance(a, str):
            raise InvalidOperationException("Failed to compare two elements in the array.")
        try:
            return C.compare(a, b, True)
        except PSException:
            raise InvalidOperationException("Failed to compare two elements in the array.")
    return functools.cmp_to_key(cmp)


def _l_sort(lst, a):
    import functools
    if not a:
        lst.sort(key=net_sort_key())
        return None
    first = unwrap(a[0])
    from pslark.runtime.scriptblock import ScriptBlock
    if isinstance(first, ScriptBlock):
        lst.sort(key=functools.cmp_to_key(lambda x, y: C.to_int(delegate_call(first, [x, y]))))
        return None
    if isinstance(first, StringComparer):
        lst.sort(key=functools.cmp_to_key(lambda x, y: first.compare(x, y)))
        return None
    if len(a) >= 2 and is_integer(first):
        idx, count = a_int(a, 0, "index"), a_int(a, 1, "count")
        part = lst[idx:idx + count]
        part.sort(key=net_sort_key())
        lst[idx:idx + count] = part
        return None
    lst.sort(key=net_sort_key())
    return None


def _l_reverse(lst, a):
    if len(a) == 2:
        idx, count = a_int(a, 0, "index"), a_int(a, 1, "count")
        lst[idx:idx + count] = lst[idx:idx + count][::-1]
    else:
        lst.reverse()


def _l_to_array(lst: PSList, a):
    if lst.element_type is not None and lst.element_type.full_name != "System.Object":
        return TypedArray(list(lst), lst.element_type)
    return list(lst)


def _l_get_range(lst: PSList, a):
    idx, count = a_int(a, 0, "index"), a_int(a, 1, "count")
    if idx < 0 or count < 0:
        raise ArgumentOutOfRangeException("Non-negative number required. (Parameter 'index')")
    if idx + count > len(lst):
        raise ArgumentException("Offset and length were out of bounds for the array or count is greater than the "
                                "number of elements from index to the end of the source collection.")
    return PSList(lst[idx:idx + count], lst.type_name, lst.element_type)


def _l_find(last: bool = False):
    def run(lst, a):
        seq = reversed(lst) if last else lst
        for x in seq:
            if C.to_bool(delegate_call(a[0], [x])):
                return x
        return None
    return run


def _l_find_all(lst, a):
    return PSList([x for x in lst if C.to_bool(delegate_call(a[0], [x]))], lst.type_name, lst.element_type)


def _l_find_idx(last: bool = False):
    def run(lst, a):
        pred = a[-1]
        rng = range(len(lst) - 1, -1, -1) if last else range(a_int(a, 0, "startIndex") if len(a) > 1 else 0, len(lst))
        for i in rng:
            if C.to_bool(delegate_call(pred, [lst[i]])):
                return i
        return -1
    return run


def _l_exists(lst, a):
    return any(C.to_bool(delegate_call(a[0], [x])) for x in lst)


def _l_true_for_all(lst, a):
    return all(C.to_bool(delegate_call(a[0], [x])) for x in lst)


def _l_for_each(lst, a):
    for x in list(lst):
        delegate_call(a[0], [x])


def _l_convert_all(lst, a):
    return PSList([delegate_call(a[0], [x]) for x in lst], _generic_full("System.Collections.Generic.List`1",
                                                                        (_OBJ(),)))


def _l_binary_search(lst, a):
    import bisect
    v = list_conv(lst, a[0]) if isinstance(lst, PSList) else a[0]
    keys = [net_sort_key()(x) for x in lst]
    k = net_sort_key()(v)
    i = bisect.bisect_left(keys, k)
    if i < len(lst) and not (k < keys[i]) and not (keys[i] < k):
        return i
    return ~i


def _l_set_range(lst, a):
    idx = a_int(a, 0, "index")
    items = _enum_items(a[1])
    lst[idx:idx + len(items)] = [list_conv(lst, x) for x in items]


def _l_clone(lst, a):
    return PSList(list(lst), lst.type_name, lst.element_type)


def _l_to_string(lst, a):
    if lst.element_type is not None or lst.type_name.startswith("System.Collections.Generic"):
        et = lst.element_type
        return f"System.Collections.Generic.List`1[{et.display if et is not None else 'System.Object'}]"
    return lst.type_name


_LIST_COMMON = (
    NetMethod("AddRange", ("void AddRange(System.Collections.Generic.IEnumerable[T] collection)",), _l_add_range),
    NetMethod("Insert", ("void Insert(int index, T item)", "void IList.Insert(int index, System.Object item)"),
              _l_insert),
    NetMethod("InsertRange", ("void InsertRange(int index, System.Collections.Generic.IEnumerable[T] collection)",),
              _l_insert_range),
    NetMethod("RemoveAt", ("void RemoveAt(int index)", "void IList.RemoveAt(int index)"), _l_remove_at),
    NetMethod("RemoveRange", ("void RemoveRange(int index, int count)",), _l_remove_range),
    NetMethod("Contains", ("bool Contains(T item)", "bool IList.Contains(System.Object item)"), _l_contains),
    NetMethod("IndexOf", ("int IndexOf(T item)", "int IndexOf(T item, int index)",
                          "int IndexOf(T item, int index, int count)"), _l_index_of),
    NetMethod("LastIndexOf", ("int LastIndexOf(T item)",), _l_last_index_of),
    NetMethod("Clear", ("void Clear()", "void IList.Clear()"), lambda l, a: l.clear()),
    NetMethod("Sort", ("void Sort()", "void Sort(System.Collections.Generic.IComparer[T] comparer)",
                       "void Sort(int index, int count, System.Collections.Generic.IComparer[T] comparer)",
                       "void Sort(System.Comparison[T] comparison)"), _l_sort),
    NetMethod("Reverse", ("void Reverse()", "void Reverse(int index, int count)"), _l_reverse),
    NetMethod("ToArray", ("T[] ToArray()",), _l_to_array),
    NetMethod("GetRange", ("System.Collections.Generic.List[T] GetRange(int index, int count)",), _l_get_range),
    NetMethod("BinarySearch", ("int BinarySearch(T item)",), _l_binary_search),
    NetMethod("CopyTo", ("void CopyTo(T[] array)", "void CopyTo(T[] array, int arrayIndex)"),
              lambda l, a: _copy_to(list(l), a)),
    NetMethod("TrimToSize", ("void TrimToSize()",), lambda l, a: None),
    NetMethod("TrimExcess", ("void TrimExcess()",), lambda l, a: None),
    NetMethod("GetEnumerator", ("System.Collections.IEnumerator GetEnumerator()",), lambda l, a: list(l)),
    NetMethod("ToString", ("string ToString()",), _l_to_string),
    NetMethod("Item", ("T Item(int index) {get;set;}",), lambda l, a: _list_item(l, a)),
)


def _list_item(lst, a):
    idx = a_int(a, 0, "index")
    _l_index_check(lst, idx)
    if len(a) == 2:
        lst[idx] = list_conv(lst, a[1])
        return None
    return lst[idx]


ARRAYLIST_METHODS = _methods(
    NetMethod("Add", ("int Add(System.Object value)", "int IList.Add(System.Object value)"), _l_add),
    NetMethod("Remove", ("void Remove(System.Object obj)", "void IList.Remove(System.Object value)"), _l_remove),
    NetMethod("Clone", ("System.Object Clone()", "System.Object ICloneable.Clone()"), _l_clone),
    NetMethod("SetRange", ("void SetRange(int index, System.Collections.ICollection c)",), _l_set_range),
    *_LIST_COMMON)

GENERIC_LIST_METHODS = _methods(
    NetMethod("Add", ("void Add(T item)", "void ICollection[T].Add(T item)", "int IList.Add(System.Object value)"),
              _l_add),
    NetMethod("Remove", ("bool Remove(T item)", "bool ICollection[T].Remove(T item)",
                         "void IList.Remove(System.Object value)"), _l_remove),
    NetMethod("RemoveAll", ("int RemoveAll(System.Predicate[T] match)",), _l_remove_all),
    NetMethod("Find", ("T Find(System.Predicate[T] match)",), _l_find()),
    NetMethod("FindLast", ("T FindLast(System.Predicate[T] match)",), _l_find(True)),
    NetMethod("FindAll", ("System.Collections.Generic.List[T] FindAll(System.Predicate[T] match)",), _l_find_all),
    NetMethod("FindIndex", ("int FindIndex(System.Predicate[T] match)",
                            "int FindIndex(int startIndex, System.Predicate[T] match)"), _l_find_idx()),
    NetMethod("FindLastIndex", ("int FindLastIndex(System.Predicate[T] match)",), _l_find_idx(True)),
    NetMethod("Exists", ("bool Exists(System.Predicate[T] match)",), _l_exists),
    NetMethod("TrueForAll", ("bool TrueForAll(System.Predicate[T] match)",), _l_true_for_all),
    NetMethod("ForEach", ("void ForEach(System.Action[T] action)",), _l_for_each),
    NetMethod("ConvertAll", ("System.Collections.Generic.List[TOutput] ConvertAll[TOutput](System.Converter[T,"
                             "TOutput] converter)",), _l_convert_all),
    NetMethod("AsReadOnly", ("System.Collections.ObjectModel.ReadOnlyCollection[T] AsReadOnly()",),
              lambda l, a: list(l)),
    NetMethod("EnsureCapacity", ("int EnsureCapacity(int capacity)",), lambda l, a: max(len(l), a_int(a, 0))),
    NetMethod("Slice", ("System.Collections.Generic.List[T] Slice(int start, int length)",), _l_get_range),
    *_LIST_COMMON)


def list_methods(lst: PSList) -> dict:
    return GENERIC_LIST_METHODS if _is_generic_list(lst) else ARRAYLIST_METHODS


def list_property(lst: PSList, key: str) -> tuple[bool, Any]:
    if key == "count":
        return True, len(lst)
    if key == "capacity":
        n = len(lst)
        cap = 0 if n == 0 else 4
        while cap < n:
            cap *= 2
        return True, cap
    if key in ("isreadonly", "isfixedsize", "issynchronized"):
        return True, False
    if key == "syncroot":
        return True, lst
    return False, None


def list_property_names(lst: PSList) -> list:
    if _is_generic_list(lst):
        return ["Capacity", "Count"]
    return ["Capacity", "Count", "IsFixedSize", "IsReadOnly", "IsSynchronized", "SyncRoot"]


# ==============================================================================================
# System.Text.Encoding

class TextEncoding(NetObject):
    __slots__ = ("codec", "web_name", "encoding_name", "code_page", "bom", "type_name", "single_byte")
    ps_properties = ("Preamble", "BodyName", "EncodingName", "HeaderName", "WebName", "WindowsCodePage",
                     "IsBrowserDisplay", "IsBrowserSave", "IsMailNewsDisplay", "IsMailNewsSave", "IsSingleByte",
                     "EncoderFallback", "DecoderFallback", "IsReadOnly", "CodePage")

    def __init__(self, codec: str, web_name: str, encoding_name: str, code_page: int, bom: bool, type_name: str,
                 single_byte: bool = False):
        self.codec, self.web_name, self.encoding_name = codec, web_name, encoding_name
        self.code_page, self.bom, self.type_name, self.single_byte = code_page, bom, type_name, single_byte

    @property
    def type_names(self):
        return [self.type_name, "System.Text.Encoding", "System.Object"]

    def preamble(self) -> bytes:
        if not self.bom:
            return b""
        return {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
                "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}.get(self.codec, b"")

    def encode(self, text: str) -> bytes:
        if self.codec == "ascii":
            return text.encode("ascii", errors="replace")
        if self.codec == "latin-1":
            return text.encode("latin-1", errors="replace")
        return text.encode(self.codec, errors="surrogatepass")

    def decode(self, data: bytes) -> str:
        if self.codec == "ascii":
            return "".join(chr(b) if b < 128 else "\ufffd" for b in data)
        return data.decode(self.codec, errors="replace")

    def ps_to_string(self):
        return self.type_name

    _getters = {
        "preamble": lambda s: byte_array(s.preamble()), "bodyname": lambda s: s.web_name,
        "encodingname": lambda s: s.encoding_name, "headername": lambda s: s.web_name,
        "webname": lambda s: s.web_name, "windowscodepage": lambda s: 1252 if s.code_page in (20127, 65001) else
        s.code_page, "isbrowserdisplay": lambda s: s.code_page == 65001, "isbrowsersave": lambda s: s.code_page == 65001,
        "ismailnewsdisplay": lambda s: s.code_page in (65001, 20127),
        "ismailnewssave": lambda s: s.code_page in (65001, 20127), "issinglebyte": lambda s: s.single_byte,
        "encoderfallback": lambda s: "System.Text.EncoderReplacementFallback",
        "decoderfallback": lambda s: "System.Text.DecoderReplacementFallback", "isreadonly": lambda s: True,
        "codepage": lambda s: s.code_page,
    }


def _text_arg(v: Any) -> str:
    v = unwrap(v)
    if isinstance(v, (list, tuple)):
        return "".join(C.to_string(x) for x in v)
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    return C.to_string(v)


def _enc_get_bytes(e: TextEncoding, a):
    text = _text_arg(a[0])
    if len(a) >= 3:
        start, count = a_int(a, 1, "index"), a_int(a, 2, "count")
        text = text[start:start + count]
    return byte_array(e.encode(text))


def _enc_get_string(e: TextEncoding, a):
    data = to_bytes(a[0])
    if len(a) >= 3:
        start, count = a_int(a, 1, "index"), a_int(a, 2, "count")
        if start < 0 or count < 0 or start + count > len(data):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                              "the collection. (Parameter 'index')")
        data = data[start:start + count]
    return e.decode(data)


TextEncoding.net_methods = _methods(
    NetMethod("GetBytes", ("byte[] GetBytes(char[] chars)", "byte[] GetBytes(string s)",
                           "byte[] GetBytes(char[] chars, int index, int count)",
                           "byte[] GetBytes(string s, int index, int count)"), _enc_get_bytes),
    NetMethod("GetString", ("string GetString(byte[] bytes)", "string GetString(byte[] bytes, int index, int count)"),
              _enc_get_string),
    NetMethod("GetByteCount", ("int GetByteCount(char[] chars)", "int GetByteCount(string s)"),
              lambda e, a: len(e.encode(_text_arg(a[0])))),
    NetMethod("GetCharCount", ("int GetCharCount(byte[] bytes)",), lambda e, a: len(e.decode(to_bytes(a[0])))),
    NetMethod("GetChars", ("char[] GetChars(byte[] bytes)",), lambda e, a: char_array(e.decode(to_bytes(a[0])))),
    NetMethod("GetPreamble", ("byte[] GetPreamble()",), lambda e, a: byte_array(e.preamble())),
    NetMethod("GetMaxByteCount", ("int GetMaxByteCount(int charCount)",),
              lambda e, a: (a_int(a, 0, "charCount") + 1) * (3 if e.codec == "utf-8" else 4 if "32" in e.codec else
                                                              2 if "16" in e.codec else 1)),
    NetMethod("ToString", ("string ToString()",), lambda e, a: e.type_name),
)


def _encoding(name: str) -> TextEncoding:
    n = name.casefold().replace("_", "-")
    if n in ("utf8", "utf-8", "65001"):
        return TextEncoding("utf-8", "utf-8", "Unicode (UTF-8)", 65001, True, "System.Text.UTF8Encoding+"
                            "UTF8EncodingSealed")
    if n in ("utf8nobom", "default"):
        return TextEncoding("utf-8", "utf-8", "Unicode (UTF-8)", 65001, False, "System.Text.UTF8Encoding+"
                            "UTF8EncodingSealed")
    if n in ("ascii", "us-ascii", "20127"):
        return TextEncoding("ascii", "us-ascii", "US-ASCII", 20127, False, "System.Text.ASCIIEncoding+"
                            "ASCIIEncodingSealed", True)
    if n in ("unicode", "utf-16", "utf-16le", "1200"):
        return TextEncoding("utf-16-le", "utf-16", "Unicode", 1200, True, "System.Text.UnicodeEncoding")
    if n in ("bigendianunicode", "utf-16be", "unicodefffe", "1201"):
        return TextEncoding("utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201, True, "System.Text.UnicodeEncoding")
    if n in ("utf32", "utf-32", "utf-32le", "12000"):
        return TextEncoding("utf-32-le", "utf-32", "Unicode (UTF-32)", 12000, True, "System.Text.UTF32Encoding")
    if n in ("bigendianutf32", "utf-32be", "12001"):
        return TextEncoding("utf-32-be", "utf-32BE", "Unicode (UTF-32 Big-Endian)", 12001, True,
                            "System.Text.UTF32Encoding")
    if n in ("latin1", "iso-8859-1", "28591"):
        return TextEncoding("latin-1", "iso-8859-1", "Western European (ISO)", 28591, False,
                            "System.Text.Latin1Encoding+Latin1EncodingSealed", True)
    if n in ("utf7", "utf-7"):
        return TextEncoding("utf-7", "utf-7", "Unicode (UTF-7)", 65000, False, "System.Text.UTF7Encoding")
    raise ArgumentException(f"'{name}' is not a supported encoding name. For information on defining a custom "
                            "encoding, see the documentation for the Encoding.RegisterProvider method. "
                            "(Parameter 'name')")


def _utf8_ctor(args):
    bom = C.to_bool(args[0]) if args else False
    e = _encoding("utf8")
    e.bom = bom
    e.type_name = "System.Text.UTF8Encoding"
    return e


_utf8_ctor.definitions = ("System.Text.UTF8Encoding new()",
                          "System.Text.UTF8Encoding new(bool encoderShouldEmitUTF8Identifier)",
                          "System.Text.UTF8Encoding new(bool encoderShouldEmitUTF8Identifier, "
                          "bool throwOnInvalidBytes)")


def _encoding_convert(value: Any) -> Any:
    value = unwrap(value)
    if isinstance(value, TextEncoding) or value is None:
        return value
    if isinstance(value, str):
        try:
            return _encoding(value)
        except ArgumentException as e:
            raise C.cast_error(value, "System.Text.Encoding", e.message)
    if is_integer(value):
        return _encoding(str(int(value)))
    raise C.cast_error(value, "System.Text.Encoding")


# ==============================================================================================
# Threads and synchronisation

_THREAD_IDS: dict[int, int] = {}
_THREAD_LOCK = threading.Lock()


def managed_thread_id() -> int:
    ident = threading.get_ident()
    with _THREAD_LOCK:
        tid = _THREAD_IDS.get(ident)
        if tid is None:
            tid = 1 if threading.current_thread() is threading.main_thread() else len(_THREAD_IDS) + 2
            _THREAD_IDS[ident] = tid
        return tid


class ThreadInfo(NetObject):
    __slots__ = ("_t",)
    type_names = ["System.Threading.Thread", "System.Runtime.ConstrainedExecution.CriticalFinalizerObject",
                  "System.Object"]
    ps_properties = ("ManagedThreadId", "IsAlive", "IsBackground", "IsThreadPoolThread", "Priority", "ThreadState",
                     "CurrentCulture", "CurrentUICulture", "ExecutionContext", "Name", "ApartmentState")

    def __init__(self, t: threading.Thread):
        self._t = t

    _getters = {"managedthreadid": lambda s: managed_thread_id() if s._t is threading.current_thread() else
                _THREAD_IDS.get(s._t.ident or 0, 0), "isalive": lambda s: s._t.is_alive(),
                "isbackground": lambda s: s._t.daemon, "isthreadpoolthread": lambda s: False,
                "priority": lambda s: "Normal", "threadstate": lambda s: "Running" if s._t.is_alive() else "Stopped",
                "currentculture": lambda s: __import__("pslark.runtime.culture", fromlist=["x"]).current_culture(),
                "currentuiculture": lambda s: __import__("pslark.runtime.culture", fromlist=["x"]).current_culture(),
                "executioncontext": lambda s: None, "name": lambda s: None,
                "apartmentstate": lambda s: "Unknown"}


def _thread_sleep(args):
    import time
    v = unwrap(args[0])
    if isinstance(v, datetime.timedelta):
        secs = v.total_seconds()
    else:
        ms = a_int(args, 0, "millisecondsTimeout")
        if ms < -1:
            raise ArgumentOutOfRangeException("Number must be either non-negative and less than or equal to "
                                              "Int32.MaxValue or -1. (Parameter 'millisecondsTimeout')")
        secs = ms / 1000.0
    if secs > 0:
        time.sleep(secs)


_MUTEXES: dict[str, "_MutexCore"] = {}
_MUTEX_REGISTRY_LOCK = threading.Lock()


class _MutexCore:
    def __init__(self):
        self.lock = threading.RLock()
        self.owner: Optional[int] = None
        self.count = 0


class Mutex(NetObject):
    """System.Threading.Mutex: re-entrant, owned by a thread; named mutexes are shared inside this process."""

    __slots__ = ("core", "name", "disposed")
    type_names = ["System.Threading.Mutex", "System.Threading.WaitHandle", "System.MarshalByRefObject",
                  "System.Object"]
    ps_properties = ("Handle", "SafeWaitHandle")
    _getters = {"handle": lambda s: id(s.core), "safewaithandle": lambda s: "Microsoft.Win32.SafeHandles."
                "SafeWaitHandle"}

    def __init__(self, core: _MutexCore, name: Optional[str]):
        self.core = core
        self.name = name
        self.disposed = False

    def wait(self, timeout: Optional[float]) -> bool:
        if self.disposed:
            raise E.ObjectDisposedException("Safe handle has been closed.")
        ok = self.core.lock.acquire(timeout=-1 if timeout is None else max(timeout, 0))
        if ok:
            self.core.owner = threading.get_ident()
            self.core.count += 1
        return ok

    def release(self) -> None:
        if self.core.owner != threading.get_ident() or self.core.count == 0:
            raise ApplicationException("Object synchronization method was called from an unsynchronized block of "
                                       "code.")
        self.core.count -= 1
        if self.core.count == 0:
            self.core.owner = None
        self.core.lock.release()


def _mutex_wait(m: Mutex, a):
    if not a:
        return m.wait(None)
    v = unwrap(a[0])
    if isinstance(v, datetime.timedelta):
        return m.wait(v.total_seconds())
    ms = a_int(a, 0, "millisecondsTimeout")
    return m.wait(None if ms == -1 else ms / 1000.0)


Mutex.net_methods = _methods(
    NetMethod("WaitOne", ("bool WaitOne()", "bool WaitOne(int millisecondsTimeout)", "bool WaitOne(timespan timeout)",
                          "bool WaitOne(int millisecondsTimeout, bool exitContext)"), _mutex_wait),
    NetMethod("ReleaseMutex", ("void ReleaseMutex()",), lambda m, a: m.release()),
    NetMethod("Dispose", ("void Dispose()",), lambda m, a: setattr(m, "disposed", True)),
    NetMethod("Close", ("void Close()",), lambda m, a: setattr(m, "disposed", True)),
)


def _mutex_ctor(args):
    owned = C.to_bool(args[0]) if args else False
    name = a_str(args, 1, "name") if len(args) > 1 else None
    created = True
    if name:
        with _MUTEX_REGISTRY_LOCK:
            core = _MUTEXES.get(name)
            if core is None:
                core = _MUTEXES[name] = _MutexCore()
            else:
                created = False
    else:
        core = _MutexCore()
    m = Mutex(core, name)
    if owned and created:
        m.wait(None)
    if len(args) > 2:
        _set_ref(args[2], created)
    return m


_mutex_ctor.definitions = ("System.Threading.Mutex new(bool initiallyOwned, string name, [ref] bool createdNew)",
                           "System.Threading.Mutex new(bool initiallyOwned, string name)",
                           "System.Threading.Mutex new(bool initiallyOwned)", "System.Threading.Mutex new()")


def _mutex_open_existing(args):
    name = a_str(args, 0, "name")
    core = _MUTEXES.get(name)
    if core is None:
        raise WaitHandleCannotBeOpenedException("No handle of the given name exists.")
    return Mutex(core, name)


class SemaphoreSlim(NetObject):
    __slots__ = ("_sem", "_count", "_max", "_lock")
    type_names = ["System.Threading.SemaphoreSlim", "System.Object"]
    ps_properties = ("CurrentCount", "AvailableWaitHandle")

    def __init__(self, initial: int, maximum: Optional[int] = None):
        self._sem = threading.Semaphore(initial)
        self._count = initial
        self._max = maximum
        self._lock = threading.Lock()

    _getters = {"currentcount": lambda s: s._count, "availablewaithandle": lambda s: None}


def _sem_wait(s: SemaphoreSlim, a):
    timeout = None
    if a:
        v = unwrap(a[0])
        if isinstance(v, datetime.timedelta):
            timeout = v.total_seconds()
        else:
            ms = a_int(a, 0, "millisecondsTimeout")
            timeout = None if ms == -1 else ms / 1000.0
    ok = s._sem.acquire(timeout=timeout) if timeout is not None else s._sem.acquire()
    if ok:
        with s._lock:
            s._count -= 1
    return ok if a else None


def _sem_release(s: SemaphoreSlim, a):
    n = a_int(a, 0, "releaseCount") if a else 1
    with s._lock:
        prev = s._count
        if s._max is not None and prev + n > s._max:
            raise SemaphoreFullException("Adding the specified count to the semaphore would cause it to exceed its "
                                         "maximum count.")
        s._count += n
    for _ in range(n):
        s._sem.release()
    return prev


SemaphoreSlim.net_methods = _methods(
    NetMethod("Wait", ("void Wait()", "bool Wait(int millisecondsTimeout)", "bool Wait(timespan timeout)"), _sem_wait),
    NetMethod("Release", ("int Release()", "int Release(int releaseCount)"), _sem_release),
    NetMethod("Dispose", ("void Dispose()",), lambda s, a: None),
)


def _semaphore_ctor(args):
    return SemaphoreSlim(a_int(args, 0, "initialCount"), a_int(args, 1, "maxCount") if len(args) > 1 else None)


_semaphore_ctor.definitions = ("System.Threading.SemaphoreSlim new(int initialCount)",
                               "System.Threading.SemaphoreSlim new(int initialCount, int maxCount)")

_INTERLOCKED = threading.RLock()


def _ref_arg(args, i=0) -> PSReference:
    r = unwrap(args[i])
    if not isinstance(r, PSReference):
        raise ArgConversionError(r, "location", "System.Int32&", "Argument must be a [ref].")
    return r


def _wrap32(n: int, like: Any) -> int:
    if isinstance(like, Int64) or (type(like) is int and not INT32_MIN <= like <= INT32_MAX):
        n = (n + 2**63) % 2**64 - 2**63
        return Int64(n) if INT32_MIN <= n <= INT32_MAX else n
    return (n + 2**31) % 2**32 - 2**31


def _interlocked_add(delta_fn):
    def run(args):
        r = _ref_arg(args)
        with _INTERLOCKED:
            cur = r.Value
            cur = 0 if cur is None else cur
            if not is_integer(cur):
                cur = C.to_int(cur)
            new = _wrap32(int(cur) + delta_fn(args), cur)
            r.Value = new
            return new
    return run


def _interlocked_exchange(args):
    r = _ref_arg(args)
    with _INTERLOCKED:
        old = r.Value
        r.Value = args[1]
        return old


def _interlocked_cmpxchg(args):
    r = _ref_arg(args)
    with _INTERLOCKED:
        old = r.Value
        if C.equals(old, args[2]) if old is not None else args[2] is None:
            r.Value = args[1]
        return old


# ==============================================================================================
# DateTimeOffset

class DateTimeOffset(datetime.datetime):
    """System.DateTimeOffset: an aware datetime."""

    dotnet_type = "System.DateTimeOffset"
    type_names = ["System.DateTimeOffset", "System.ValueType", "System.Object"]
    ps_properties = ("DateTime", "UtcDateTime", "LocalDateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour",
                     "Millisecond", "Microsecond", "Nanosecond", "Minute", "Month", "Offset", "TotalOffsetMinutes",
                     "Second", "Ticks", "UtcTicks", "TimeOfDay", "Year")

    @classmethod
    def from_datetime(cls, dt: datetime.datetime) -> "DateTimeOffset":
        if dt.tzinfo is None:
            try:
                dt = dt.astimezone()
            except (OverflowError, ValueError, OSError):
                dt = dt.replace(tzinfo=datetime.timezone.utc)
        return cls(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, dt.tzinfo)

    def ps_to_string(self) -> str:
        from pslark.runtime.culture import current_culture
        return format_offset(self, None, current_culture())

    def __str__(self):
        from pslark.runtime.culture import invariant_culture
        return format_offset(self, None, invariant_culture())

    def ps_compare(self, other) -> int:
        other = unwrap(other)
        if isinstance(other, str):
            other = _dto_convert(other)
        if isinstance(other, datetime.datetime):
            o = other if other.tzinfo is not None else other.astimezone()
            a, b = self.astimezone(datetime.timezone.utc), o.astimezone(datetime.timezone.utc)
            return -1 if a < b else (1 if a > b else 0)
        raise C._compare_error(self, other, None)

    def ps_equals(self, other) -> bool:
        try:
            return self.ps_compare(other) == 0
        except PSException:
            return False


def format_offset(d: datetime.datetime, spec: Optional[str], culture) -> str:
    from pslark.runtime.dotnet_format import format_datetime
    if not spec:
        return format_datetime(d, "G", culture) + " " + _offset_text(d)
    return format_datetime(d, spec, culture)


def _offset_text(d: datetime.datetime) -> str:
    off = d.utcoffset() or datetime.timedelta(0)
    total = int(off.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def _dto_convert(value: Any) -> DateTimeOffset:
    value = unwrap(value)
    if isinstance(value, DateTimeOffset):
        return value
    if isinstance(value, datetime.datetime):
        return DateTimeOffset.from_datetime(value)
    if isinstance(value, str):
        import re
        m = re.match(r"^(.*?)\s*([+-]\d{2}:?\d{2}|Z)$", value.strip())
        if m:
            dt = C.parse_datetime(m.group(1))
            if dt is not None:
                tz = m.group(2)
                if tz == "Z":
                    off = datetime.timedelta(0)
                else:
                    sign = 1 if tz[0] == "+" else -1
                    digits = tz[1:].replace(":", "")
                    off = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                return DateTimeOffset.from_datetime(dt.replace(tzinfo=datetime.timezone(off)))
        dt = C.to_datetime(value)
        return DateTimeOffset.from_datetime(dt)
    if value is None:
        raise C.cast_error(None, "System.DateTimeOffset")
    raise C.cast_error(value, "System.DateTimeOffset")


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def _dto_from_unix(seconds: bool):
    def run(args):
        n = a_long(args, 0, "seconds" if seconds else "milliseconds")
        delta = datetime.timedelta(seconds=n) if seconds else datetime.timedelta(milliseconds=n)
        try:
            return DateTimeOffset.from_datetime(_EPOCH + delta)
        except OverflowError:
            raise ArgumentOutOfRangeException("Valid values are between -62135596800 and 253402300799, inclusive. "
                                              "(Parameter 'seconds')")
    return run


def _dto_ctor(args):
    if len(args) == 1:
        return _dto_convert(args[0])
    if len(args) == 2:
        dt = unwrap(args[0])
        off = unwrap(args[1])
        if isinstance(dt, datetime.datetime) and isinstance(off, datetime.timedelta):
            return DateTimeOffset.from_datetime(dt.replace(tzinfo=datetime.timezone(off)))
    if len(args) >= 7:
        nums = [a_int(args, i) for i in range(len(args) - 1)]
        off = unwrap(args[-1])
        if not isinstance(off, datetime.timedelta):
            off = C.to_timespan(off)
        if len(nums) == 6:
            return DateTimeOffset(*nums, tzinfo=datetime.timezone(off))
        return DateTimeOffset(*nums[:6], nums[6] * 1000, tzinfo=datetime.timezone(off))
    raise overload_count_error("new", len(args))


_dto_ctor.definitions = ("DateTimeOffset new(long ticks, timespan offset)", "DateTimeOffset new(datetime dateTime)",
                         "DateTimeOffset new(datetime dateTime, timespan offset)",
                         "DateTimeOffset new(int year, int month, int day, int hour, int minute, int second, "
                         "timespan offset)",
                         "DateTimeOffset new(int year, int month, int day, int hour, int minute, int second, "
                         "int millisecond, timespan offset)")


# ==============================================================================================
# CultureInfo helpers (TextInfo, NumberFormatInfo, DateTimeFormatInfo)

class TextInfo(NetObject):
    __slots__ = ("culture",)
    type_names = ["System.Globalization.TextInfo", "System.Object"]
    ps_properties = ("ANSICodePage", "OEMCodePage", "MacCodePage", "EBCDICCodePage", "LCID", "CultureName",
                     "IsReadOnly", "ListSeparator", "IsRightToLeft")

    def __init__(self, culture):
        self.culture = culture

    _getters = {"ansicodepage": lambda s: 1252, "oemcodepage": lambda s: 437, "maccodepage": lambda s: 10000,
                "ebcdiccodepage": lambda s: 37, "lcid": lambda s: s.culture.lcid,
                "culturename": lambda s: s.culture.name, "isreadonly": lambda s: s.culture.read_only,
                "listseparator": lambda s: s.culture.list_separator or ("," if s.culture.decimal_sep == "."
                                                                        else ";"),
                "isrighttoleft": lambda s: False}

    def _set_list_separator(self, value):
        # a throwing .NET setter surfaces as SetValueInvocationException
        if self.culture.read_only:
            raise E.SetValueInvocationException('Exception setting "ListSeparator": "Instance is read-only."',
                                                error_id="ExceptionWhenSetting", category="NotSpecified")
        if value is None:
            raise E.SetValueInvocationException('Exception setting "ListSeparator": "Value cannot be null. '
                                                "(Parameter 'value')\"", error_id="ExceptionWhenSetting",
                                                category="NotSpecified")
        self.culture.list_separator = C.to_string(value)

    _setters = {"listseparator": _set_list_separator}


def title_case(text: str) -> str:
    """TextInfo.ToTitleCase: words starting with a letter get an upper first letter and lower rest; words in
    all capitals are kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isalpha():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "'’"):
                j += 1
            word = text[i:j]
            if word.isupper() and len(word) > 1 and word.isalpha():
                out.append(word)
            else:
                out.append(word[0].upper() + word[1:].lower())
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


TextInfo.net_methods = _methods(
    NetMethod("ToTitleCase", ("string ToTitleCase(string str)",), lambda s, a: title_case(a_str(a, 0, "str") or "")),
    NetMethod("ToUpper", ("char ToUpper(char c)", "string ToUpper(string str)"),
              lambda s, a: PSChar(unwrap(a[0]).upper()) if isinstance(unwrap(a[0]), PSChar) else
              a_str(a, 0, "str").upper()),
    NetMethod("ToLower", ("char ToLower(char c)", "string ToLower(string str)"),
              lambda s, a: PSChar(unwrap(a[0]).lower()) if isinstance(unwrap(a[0]), PSChar) else
              a_str(a, 0, "str").lower()),
    NetMethod("ToString", ("string ToString()",), lambda s, a: f"TextInfo - {s.culture.name}"),
)


class NumberFormatInfo(NetObject):
    __slots__ = ("culture",)
    type_names = ["System.Globalization.NumberFormatInfo", "System.Object"]
    ps_properties = ("CurrencyDecimalDigits", "CurrencyDecimalSeparator", "IsReadOnly", "CurrencyGroupSizes",
                     "NumberGroupSizes", "PercentGroupSizes", "CurrencyGroupSeparator", "CurrencySymbol",
                     "NaNSymbol", "CurrencyNegativePattern", "NumberNegativePattern", "PercentPositivePattern",
                     "PercentNegativePattern", "NegativeInfinitySymbol", "NegativeSign", "NumberDecimalDigits",
                     "NumberDecimalSeparator", "NumberGroupSeparator", "CurrencyPositivePattern",
                     "PositiveInfinitySymbol", "PositiveSign", "PercentDecimalDigits", "PercentDecimalSeparator",
                     "PercentGroupSeparator", "PercentSymbol", "PerMilleSymbol", "NativeDigits", "DigitSubstitution")

    def __init__(self, culture):
        self.culture = culture

    _getters = {
        "currencydecimaldigits": lambda s: 2, "currencydecimalseparator": lambda s: s.culture.decimal_sep,
        "isreadonly": lambda s: True, "currencygroupsizes": lambda s: [3], "numbergroupsizes": lambda s: [3],
        "percentgroupsizes": lambda s: [3], "currencygroupseparator": lambda s: s.culture.group_sep,
        "currencysymbol": lambda s: s.culture.currency_symbol, "nansymbol": lambda s: s.culture.nan,
        "currencynegativepattern": lambda s: s.culture.currency_negative,
        "numbernegativepattern": lambda s: s.culture.number_negative,
        "percentpositivepattern": lambda s: s.culture.percent_positive,
        "percentnegativepattern": lambda s: s.culture.percent_negative,
        "negativeinfinitysymbol": lambda s: s.culture.neg_inf, "negativesign": lambda s: s.culture.negative_sign,
        "numberdecimaldigits": lambda s: 2, "numberdecimalseparator": lambda s: s.culture.decimal_sep,
        "numbergroupseparator": lambda s: s.culture.group_sep,
        "currencypositivepattern": lambda s: s.culture.currency_positive,
        "positiveinfinitysymbol": lambda s: s.culture.pos_inf, "positivesign": lambda s: "+",
        "percentdecimaldigits": lambda s: 2, "percentdecimalseparator": lambda s: s.culture.decimal_sep,
        "percentgroupseparator": lambda s: s.culture.group_sep, "percentsymbol": lambda s: s.culture.percent_symbol,
        "permillesymbol": lambda s: "‰", "nativedigits": lambda s: [str(i) for i in range(10)],
        "digitsubstitution": lambda s: "None",
    }


class DateTimeFormatInfo(NetObject):
    __slots__ = ("culture",)
    type_names = ["System.Globalization.DateTimeFormatInfo", "System.Object"]
    ps_properties = ("AMDesignator", "Calendar", "DateSeparator", "FirstDayOfWeek", "CalendarWeekRule",
                     "FullDateTimePattern", "LongDatePattern", "LongTimePattern", "MonthDayPattern", "PMDesignator",
                     "RFC1123Pattern", "ShortDatePattern", "ShortTimePattern", "SortableDateTimePattern",
                     "TimeSeparator", "UniversalSortableDateTimePattern", "YearMonthPattern", "AbbreviatedDayNames",
                     "ShortestDayNames", "DayNames", "AbbreviatedMonthNames", "MonthNames", "IsReadOnly",
                     "NativeCalendarName", "AbbreviatedMonthGenitiveNames", "MonthGenitiveNames")

    def __init__(self, culture):
        self.culture = culture

    _getters = {
        "amdesignator": lambda s: s.culture.am, "pmdesignator": lambda s: s.culture.pm,
        "calendar": lambda s: "System.Globalization.GregorianCalendar", "dateseparator": lambda s: s.culture.date_sep,
        "firstdayofweek": lambda s: _enum_value("System.DayOfWeek", "Monday" if s.culture.name[:2] in
                                                ("de", "fr", "es", "it", "nl") else "Sunday"),
        "calendarweekrule": lambda s: "FirstDay", "fulldatetimepattern": lambda s: s.culture.full_datetime,
        "longdatepattern": lambda s: s.culture.long_date, "longtimepattern": lambda s: s.culture.long_time,
        "monthdaypattern": lambda s: s.culture.month_day, "rfc1123pattern": lambda s: "ddd, dd MMM yyyy HH':'mm':'ss "
        "'GMT'", "shortdatepattern": lambda s: s.culture.short_date, "shorttimepattern": lambda s: s.culture.short_time,
        "sortabledatetimepattern": lambda s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss", "timeseparator": lambda s: ":",
        "universalsortabledatetimepattern": lambda s: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        "yearmonthpattern": lambda s: s.culture.year_month,
        "abbreviateddaynames": lambda s: string_array(s.culture.abbrev_days),
        "shortestdaynames": lambda s: string_array(d[:2] for d in s.culture.days),
        "daynames": lambda s: string_array(s.culture.days),
        "abbreviatedmonthnames": lambda s: string_array(list(s.culture.abbrev_months) + [""]),
        "monthnames": lambda s: string_array(list(s.culture.months) + [""]), "isreadonly": lambda s: True,
        "nativecalendarname": lambda s: "Gregorian Calendar",
        "abbreviatedmonthgenitivenames": lambda s: string_array(list(s.culture.abbrev_months) + [""]),
        "monthgenitivenames": lambda s: string_array(list(s.culture.months) + [""]),
    }


def _dow_index(v: Any) -> int:
    v = unwrap(v)
    if isinstance(v, EnumValue):
        return int(v)
    if isinstance(v, str):
        return int(resolve_type("System.DayOfWeek").convert(v))
    return C.to_int(v)


DateTimeFormatInfo.net_methods = _methods(
    NetMethod("GetDayName", ("string GetDayName(System.DayOfWeek dayofweek)",),
              lambda s, a: s.culture.days[_dow_index(a[0])]),
    NetMethod("GetAbbreviatedDayName", ("string GetAbbreviatedDayName(System.DayOfWeek dayofweek)",),
              lambda s, a: s.culture.abbrev_days[_dow_index(a[0])]),
    NetMethod("GetMonthName", ("string GetMonthName(int month)",), lambda s, a: s.culture.months[a_int(a, 0) - 1]),
    NetMethod("GetAbbreviatedMonthName", ("string GetAbbreviatedMonthName(int month)",),
              lambda s, a: s.culture.abbrev_months[a_int(a, 0) - 1]),
)


def culture_convert(value: Any) -> Any:
    from pslark.runtime.culture import Culture, get_culture
    value = unwrap(value)
    if value is None or isinstance(value, Culture):
        return value
    if isinstance(value, str):
        c = get_culture(value)
        if c is None:
            raise C.cast_error(value, "System.Globalization.CultureInfo",
                               f"Culture is not supported. (Parameter 'name')\n{value} is an invalid culture "
                               "identifier.")
        return c
    if is_integer(value):
        from pslark.runtime.culture import _CULTURES, invariant_culture
        n = int(value)
        if n == 127:
            return invariant_culture()
        for c in _CULTURES.values():
            if c.lcid == n:
                return c
        raise C.cast_error(value, "System.Globalization.CultureInfo", f"Culture is not supported. (Parameter "
                           f"'culture')\n{n} (0x{n:04x}) is an invalid culture identifier.")
    raise C.cast_error(value, "System.Globalization.CultureInfo")


def _parser_parse(from_file: bool):
    """Parser.ParseInput(input, [ref] tokens, [ref] errors) / ParseFile(path, ...): errors come back, not thrown."""
    def parse(t, a):
        from pslark.runtime.languageparser import parse_input
        text = a_str(a, 0, "fileName" if from_file else "input")
        path = None
        if from_file:
            path = full_path(text)
            text = read_text(path)
        ast, tokens, errors = parse_input(text, path)
        _set_ref(a[1], tokens)
        _set_ref(a[2], errors)
        return ast
    return parse


def _set_current_culture(value: Any) -> None:
    from pslark.runtime.culture import set_current_culture
    set_current_culture(culture_convert(value))


def _culture_ctor(args):
    try:
        culture = culture_convert(args[0])
        return culture.writable_copy() if culture is not None else culture
    except PSInvalidCastException as e:
        msg = e.message.split('Error: "', 1)[-1].rstrip('"')
        raise CultureNotFoundException(msg)


_culture_ctor.definitions = ("cultureinfo new(string name)", "cultureinfo new(int culture)",
                             "cultureinfo new(string name, bool useUserOverride)")


# ==============================================================================================
# Exception types (those errors.py does not declare) and exception construction

class ApplicationException(PSException):
    dotnet_type = "System.ApplicationException"


class AggregateException(PSException):
    dotnet_type = "System.AggregateException"


class WaitHandleCannotBeOpenedException(ApplicationException):
    dotnet_type = "System.Threading.WaitHandleCannotBeOpenedException"


class SemaphoreFullException(E.SystemException):
    dotnet_type = "System.Threading.SemaphoreFullException"


class CultureNotFoundException(ArgumentException):
    dotnet_type = "System.Globalization.CultureNotFoundException"


class UriFormatException(FormatException):
    dotnet_type = "System.UriFormatException"


class XmlException(E.SystemException):
    dotnet_type = "System.Xml.XmlException"


class PathTooLongException(E.IOException):
    dotnet_type = "System.IO.PathTooLongException"


class EndOfStreamException(E.IOException):
    dotnet_type = "System.IO.EndOfStreamException"


class InvalidDataException(E.SystemException):
    dotnet_type = "System.IO.InvalidDataException"


class ArrayTypeMismatchException(E.SystemException):
    dotnet_type = "System.ArrayTypeMismatchException"


class RankException(E.SystemException):
    dotnet_type = "System.RankException"


class OutOfMemoryException(E.SystemException):
    dotnet_type = "System.OutOfMemoryException"


class NotFiniteNumberException(E.ArithmeticException):
    dotnet_type = "System.NotFiniteNumberException"


class SecurityException(E.SystemException):
    dotnet_type = "System.Security.SecurityException"


class TaskCanceledException(E.OperationCanceledException):
    dotnet_type = "System.Threading.Tasks.TaskCanceledException"


class HttpRequestException(PSException):
    dotnet_type = "System.Net.Http.HttpRequestException"


class WebException(InvalidOperationException):
    dotnet_type = "System.Net.WebException"


class SocketException(E.Win32Exception):
    dotnet_type = "System.Net.Sockets.SocketException"


class PSArgumentNullException(ArgumentNullException):
    dotnet_type = "System.Management.Automation.PSArgumentNullException"


class MetadataException(RuntimeException):
    dotnet_type = "System.Management.Automation.MetadataException"


class ExtendedTypeSystemException(RuntimeException):
    dotnet_type = "System.Management.Automation.ExtendedTypeSystemException"


for _cls in (ApplicationException, AggregateException, WaitHandleCannotBeOpenedException, SemaphoreFullException,
             CultureNotFoundException, UriFormatException, XmlException, PathTooLongException, EndOfStreamException,
             InvalidDataException, ArrayTypeMismatchException, RankException, OutOfMemoryException,
             NotFiniteNumberException, SecurityException, TaskCanceledException, HttpRequestException, WebException,
             SocketException, PSArgumentNullException, MetadataException, ExtendedTypeSystemException):
    E.DOTNET_EXCEPTION_TYPES.setdefault(_cls.dotnet_type.casefold(), _cls)

_DEFAULT_MESSAGES = {
    "System.SystemException": "System error.",
    "System.ArgumentException": "Value does not fall within the expected range.",
    "System.ArgumentNullException": "Value cannot be null.",
    "System.ArgumentOutOfRangeException": "Specified argument was out of the range of valid values.",
    "System.InvalidOperationException": "Operation is not valid due to the current state of the object.",
    "System.NotSupportedException": "Specified method is not supported.",
    "System.NotImplementedException": "The method or operation is not implemented.",
    "System.FormatException": "One of the identified items was in an invalid format.",
    "System.InvalidCastException": "Specified cast is not valid.",
    "System.OverflowException": "Arithmetic operation resulted in an overflow.",
    "System.ArithmeticException": "Overflow or underflow in the arithmetic operation.",
    "System.DivideByZeroException": "Attempted to divide by zero.",
    "System.IndexOutOfRangeException": "Index was outside the bounds of the array.",
    "System.Collections.Generic.KeyNotFoundException": "The given key was not present in the dictionary.",
    "System.NullReferenceException": "Object reference not set to an instance of an object.",
    "System.TimeoutException": "The operation has timed out.",
    "System.IO.IOException": "I/O error occurred.",
    "System.IO.FileNotFoundException": "Unable to find the specified file.",
    "System.IO.DirectoryNotFoundException": "Attempted to access a path that is not on the disk.",
    "System.UnauthorizedAccessException": "Attempted to perform an unauthorized operation.",
    "System.OperationCanceledException": "The operation was canceled.",
    "System.ApplicationException": "Error in the application.",
    "System.ObjectDisposedException": "Cannot access a disposed object.",
    "System.Management.Automation.PipelineStoppedException": "The pipeline has been stopped.",
}


def _default_message(klass: type) -> str:
    for k in klass.__mro__:
        dn = k.__dict__.get("dotnet_type")
        if dn in _DEFAULT_MESSAGES and k is klass:
            return _DEFAULT_MESSAGES[dn]
    return f"Exception of type '{klass.dotnet_type}' was thrown."


def _is_exception(v: Any) -> bool:
    return isinstance(unwrap(v), BaseException)


def new_exception(klass: type, args: list) -> PSException:
    """`[System.ArgumentException]::new(...)` with .NET's constructor overloads."""
    args = [unwrap(a) if isinstance(a, PSObject) else a for a in args]
    name = klass.dotnet_type
    inner = None
    param = None
    message: Optional[str] = None
    extra: dict = {}
    if issubclass(klass, E.ParseException):
        raise MethodException(f"Cannot create an instance of [{name}] with these arguments.",
                              error_id="ConstructorInvokedThrowException")
    if issubclass(klass, (ArgumentNullException, ArgumentOutOfRangeException)) and not issubclass(
            klass, CultureNotFoundException):
        if len(args) == 1:
            param = C.to_string(args[0]) if args[0] is not None else None
        elif len(args) == 2 and _is_exception(args[1]):
            message, inner = C.to_string(args[0]), args[1]
        elif len(args) == 2:
            param, message = C.to_string(args[0]), C.to_string(args[1])
        elif len(args) == 3:
            param, message = C.to_string(args[0]), C.to_string(args[2])
            extra["actual_value"] = args[1]
        if message is None:
            message = _DEFAULT_MESSAGES[klass.dotnet_type] if klass.dotnet_type in _DEFAULT_MESSAGES else \
                _DEFAULT_MESSAGES["System.ArgumentNullException" if issubclass(klass, ArgumentNullException) else
                                  "System.ArgumentOutOfRangeException"]
    elif issubclass(klass, E.ObjectDisposedException):
        if len(args) == 1:
            message = f"Cannot access a disposed object.\nObject name: '{C.to_string(args[0])}'."
        elif len(args) == 2 and _is_exception(args[1]):
            message, inner = C.to_string(args[0]), args[1]
        elif len(args) == 2:
            message = f"{C.to_string(args[1])}\nObject name: '{C.to_string(args[0])}'."
    else:
        if len(args) >= 1:
            message = C.to_string(args[0]) if args[0] is not None else None
        if len(args) >= 2:
            second = args[1]
            if _is_exception(second):
                inner = second
            elif issubclass(klass, ArgumentException):
                param = C.to_string(second)
                if len(args) >= 3 and _is_exception(args[2]):
                    inner = args[2]
            elif issubclass(klass, E.FileNotFoundException):
                extra["file_name"] = C.to_string(second)
                if len(args) >= 3 and _is_exception(args[2]):
                    inner = args[2]
            elif isinstance(second, E.ErrorRecord):
                extra["error_record"] = second
            elif len(args) == 2 and is_integer(second) and issubclass(klass, E.IOException):
                extra["hresult"] = int(second)
            else:
                raise overload_count_error("new", len(args))
        if len(args) >= 3 and not (issubclass(klass, (ArgumentException, E.FileNotFoundException))):
            if isinstance(args[2], E.ErrorRecord):
                extra["error_record"] = args[2]
            elif args[2] is not None and not _is_exception(args[2]):
                raise overload_count_error("new", len(args))
        if len(args) > 3:
            raise overload_count_error("new", len(args))
        if message is None:
            message = _default_message(klass)
    if param is not None:
        message = f"{message} (Parameter '{param}')"
    if "actual_value" in extra:
        message = f"{message}\nActual value was {_text(extra['actual_value'])}."
    try:
        exc = klass(message)
    except TypeError:
        exc = klass()
        exc.message = message
    exc.inner = inner
    if param is not None:
        exc.param_name = param
    for k, v in extra.items():
        if k == "error_record":
            exc.error_record = v
        else:
            setattr(exc, k, v)
    return exc


class ExceptionType(PSType):
    def __init__(self, klass: type):
        chain = klass.type_names()
        base = chain[1] if len(chain) > 1 else "System.Object"
        super().__init__(klass.dotnet_type, base=base, exception_class=klass,
                         assembly=SMA if klass.dotnet_type.startswith("System.Management") else CORELIB)
        self._ctor = lambda args: new_exception(klass, args)

    def is_instance(self, value: Any) -> bool:
        value = unwrap(value)
        return isinstance(value, self.exception_class)

    def ctor_definitions(self) -> tuple:
        d = self.display
        return (f"{d} new()", f"{d} new(string message)", f"{d} new(string message, System.Exception innerException)")

    def new(self, args: list) -> Any:
        try:
            return new_exception(self.exception_class, list(args))
        except MethodException:
            raise
        except PSException as e:
            raise wrap_method_exception(".ctor", len(args), e)

    def convert(self, value: Any) -> Any:
        if value is AUTOMATION_NULL or value is None:
            return None
        if self.is_instance(value):
            return unwrap(value)
        base = unwrap(value)
        if isinstance(base, str):
            return new_exception(self.exception_class, [base])
        raise C.cast_error(value, self.display)


def _error_record_ctor(args: list) -> E.ErrorRecord:
    first = unwrap(args[0])
    if isinstance(first, E.ErrorRecord) and len(args) == 2:
        exc = unwrap(args[1])
        rec = E.ErrorRecord(exc, first.fully_qualified_error_id, first.category, first.target_object,
                            first.invocation_info)
        return rec
    if not isinstance(first, BaseException):
        raise ArgConversionError(first, "exception", "System.Exception",
                                 f'Cannot convert the "{_text(first)}" value of type "{C.type_name_of(first)}" to '
                                 'type "System.Exception".')
    if len(args) != 4:
        raise overload_count_error("new", len(args))
    error_id = a_str(args, 1, "errorId")
    cat = unwrap(args[2])
    cat_type = resolve_type("System.Management.Automation.ErrorCategory")
    try:
        cat_name = str(cat_type.convert(cat)) if cat is not None else "NotSpecified"
    except PSInvalidCastException as e:
        raise ArgConversionError(cat, "errorCategory", "System.Management.Automation.ErrorCategory", e.message)
    exc = first
    if not isinstance(exc, PSException):
        exc = PSException(str(exc))
    rec = E.ErrorRecord.__new__(E.ErrorRecord)
    keep = exc.error_record
    E.ErrorRecord.__init__(rec, exc, error_id if error_id is not None else "", cat_name, args[3])
    if keep is not None:
        exc.error_record = keep
    if not error_id:
        rec.fully_qualified_error_id = ""
    return rec


_error_record_ctor.definitions = (
    "System.Management.Automation.ErrorRecord new(System.Exception exception, string errorId, "
    "System.Management.Automation.ErrorCategory errorCategory, System.Object targetObject)",
    "System.Management.Automation.ErrorRecord new(System.Management.Automation.ErrorRecord errorRecord, "
    "System.Exception replaceParentContainsErrorRecordException)")


# ==============================================================================================
# [xml]: a small XmlDocument over ElementTree

def _xml_local(tag: str) -> str:
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


class XmlNodeBase(NetObject):
    __slots__ = ()

    def ps_dynamic_names(self) -> list:
        return []


class XmlDocumentValue(XmlNodeBase):
    """System.Xml.XmlDocument (PreserveWhitespace off: whitespace-only text is dropped)."""

    __slots__ = ("root", "declaration", "_parents")
    type_names = ["System.Xml.XmlDocument", "System.Xml.XmlNode", "System.Object"]

    def __init__(self, root=None, declaration: Optional[str] = None):
        self.root = root
        self.declaration = declaration
        self._parents: Optional[dict] = None

    @classmethod
    def parse(cls, text: str) -> "XmlDocumentValue":
        import re
        import xml.etree.ElementTree as ET
        decl = None
        m = re.match(r"^\s*<\?xml([^?]*)\?>", text)
        if m:
            decl = m.group(1).strip()
        try:
            root = ET.fromstring(text.lstrip("\ufeff"))
        except ET.ParseError as e:
            line, col = getattr(e, "position", (1, 0))
            msg = str(e).split(":")[0]
            raise XmlException(f"{msg[:1].upper()}{msg[1:]}. Line {line}, position {col + 1}.")
        _strip_ws(root)
        return cls(root, decl)

    def parents(self) -> dict:
        if self._parents is None:
            self._parents = {}
            if self.root is not None:
                for p in self.root.iter():
                    for c in p:
                        self._parents[c] = p
        return self._parents

    def invalidate(self):
        self._parents = None

    def wrap(self, el) -> "XmlElementValue":
        return XmlElementValue(el, self)

    @property
    def ps_properties(self):
        names = []
        if self.declaration is not None:
            names.append("xml")
        if self.root is not None:
            names.append(_xml_local(self.root.tag))
        return tuple(names)

    def ps_get(self, name: str) -> Any:
        n = name.casefold()
        if self.root is not None and _xml_local(self.root.tag).casefold() == n:
            return self.wrap(self.root)
        if n == "xml" and self.declaration is not None:
            return self.declaration
        g = _XML_DOC_PROPS.get(n)
        if g is not None:
            return g(self)
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "#document"

    def outer_xml(self) -> str:
        import xml.etree.ElementTree as ET
        head = f"<?xml {self.declaration}?>" if self.declaration is not None else ""
        return head + (ET.tostring(self.root, encoding="unicode") if self.root is not None else "")


def _strip_ws(el) -> None:
    if el.text is not None and not el.text.strip() and len(el):
        el.text = None
    for c in el:
        if c.tail is not None and not c.tail.strip():
            c.tail = None
        _strip_ws(c)


def _xml_inner_text(el) -> str:
    return "".join(el.itertext())


class XmlElementValue(XmlNodeBase):
    __slots__ = ("el", "doc")
    type_names = ["System.Xml.XmlElement", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]

    def __init__(self, el, doc: XmlDocumentValue):
        self.el = el
        self.doc = doc

    def __eq__(self, other):
        return isinstance(other, XmlElementValue) and other.el is self.el

    def __hash__(self):
        return id(self.el)

    @property
    def ps_default_display(self):
        """The XML adapter's properties (attributes, child elements, #text): what formatting shows."""
        names = list(self.el.attrib.keys())
        seen = {n.casefold() for n in names}
        for c in self.el:
            ln = _xml_local(c.tag)
            if ln.casefold() not in seen:
                seen.add(ln.casefold())
                names.append(ln)
        if self.el.text and (self.el.attrib or len(self.el)):
            names.append("#text")
        return tuple(_xml_local(n) for n in names)

    @property
    def ps_properties(self):
        dom = self.ps_default_display
        seen = {n.casefold() for n in dom}
        return dom + tuple(n for n in _XML_NODE_PROPS if n.casefold() not in seen)

    def child_value(self, name: str) -> tuple[bool, Any]:
        n = name.casefold()
        for k, v in self.el.attrib.items():
            if _xml_local(k).casefold() == n:
                return True, v
        kids = [c for c in self.el if _xml_local(c.tag).casefold() == n]
        if kids:
            vals = [self._simple(c) for c in kids]
            return True, vals[0] if len(vals) == 1 else vals
        if n == "#text" and self.el.text is not None:
            return True, self.el.text
        return False, None

    def _simple(self, c) -> Any:
        if not c.attrib and len(c) == 0:
            return c.text if c.text is not None else ""
        return self.doc.wrap(c)

    def ps_get(self, name: str) -> Any:
        found, value = self.child_value(name)
        if found:
            return value
        g = _XML_EL_PROPS.get(name.casefold())
        if g is not None:
            return g(self)
        raise AttributeError(name)

    def ps_set(self, name: str, value: Any) -> None:
        n = name.casefold()
        for k in self.el.attrib:
            if _xml_local(k).casefold() == n:
                self.el.attrib[k] = C.to_string(value)
                return
        kids = [c for c in self.el if _xml_local(c.tag).casefold() == n]
        if len(kids) == 1:
            c = kids[0]
            for g in list(c):
                c.remove(g)
            c.text = C.to_string(value)
            self.doc.invalidate()
            return
        if n == "innertext":
            for g in list(self.el):
                self.el.remove(g)
            self.el.text = C.to_string(value)
            self.doc.invalidate()
            return
        if n == "innerxml":
            import xml.etree.ElementTree as ET
            frag = ET.fromstring(f"<x>{C.to_string(value)}</x>")
            for g in list(self.el):
                self.el.remove(g)
            self.el.text = frag.text
            for g in frag:
                self.el.append(g)
            self.doc.invalidate()
            return
        if n == "#text":
            self.el.text = C.to_string(value)
            return
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return _xml_local(self.el.tag)

    def outer_xml(self) -> str:
        import xml.etree.ElementTree as ET
        tail = self.el.tail
        self.el.tail = None
        try:
            return ET.tostring(self.el, encoding="unicode")
        finally:
            self.el.tail = tail

    def inner_xml(self) -> str:
        import xml.etree.ElementTree as ET
        out = [self.el.text or ""]
        for c in self.el:
            out.append(ET.tostring(c, encoding="unicode"))
        return "".join(out)


def _xml_children(node) -> list:
    if isinstance(node, XmlDocumentValue):
        return [node.wrap(node.root)] if node.root is not None else []
    out = []
    if node.el.text:
        out.append(node.el.text)
    for c in node.el:
        out.append(node.doc.wrap(c))
        if c.tail:
            out.append(c.tail)
    return out


_XML_NODE_PROPS = ("Name", "LocalName", "NamespaceURI", "Prefix", "NodeType", "ParentNode", "OwnerDocument",
                   "IsEmpty", "Attributes", "HasAttributes", "InnerText", "InnerXml", "OuterXml", "ChildNodes",
                   "FirstChild", "LastChild", "HasChildNodes", "Value")

_XML_EL_PROPS = {
    "name": lambda s: _xml_local(s.el.tag), "localname": lambda s: _xml_local(s.el.tag),
    "innertext": lambda s: _xml_inner_text(s.el), "innerxml": lambda s: s.inner_xml(),
    "outerxml": lambda s: s.outer_xml(), "value": lambda s: None, "nodetype": lambda s: "Element",
    "haschildnodes": lambda s: len(s.el) > 0 or bool(s.el.text), "hasattributes": lambda s: bool(s.el.attrib),
    "childnodes": lambda s: _xml_children(s), "attributes": lambda s: [XmlAttributeValue(k, v) for k, v in
                                                                        s.el.attrib.items()],
    "parentnode": lambda s: (lambda p: s.doc.wrap(p) if p is not None else s.doc)(s.doc.parents().get(s.el)),
    "firstchild": lambda s: (_xml_children(s) or [None])[0], "lastchild": lambda s: (_xml_children(s) or [None])[-1],
    "ownerdocument": lambda s: s.doc, "prefix": lambda s: "", "namespaceuri": lambda s: s.el.tag[1:].split("}")[0]
    if s.el.tag.startswith("{") else "", "isempty": lambda s: len(s.el) == 0 and s.el.text is None,
}

_XML_DOC_PROPS = {
    "documentelement": lambda s: s.wrap(s.root) if s.root is not None else None,
    "outerxml": lambda s: s.outer_xml(), "innerxml": lambda s: s.outer_xml(),
    "innertext": lambda s: _xml_inner_text(s.root) if s.root is not None else "",
    "name": lambda s: "#document", "localname": lambda s: "#document", "nodetype": lambda s: "Document",
    "childnodes": lambda s: _xml_children(s), "haschildnodes": lambda s: s.root is not None,
    "firstchild": lambda s: s.declaration if s.declaration is not None else s.wrap(s.root),
    "preservewhitespace": lambda s: False,
}


class XmlAttributeValue(NetObject):
    __slots__ = ("name", "value")
    type_names = ["System.Xml.XmlAttribute", "System.Xml.XmlNode", "System.Object"]
    ps_properties = ("#text",)

    def __init__(self, name, value):
        self.name, self.value = _xml_local(name), value

    _getters = {"name": lambda s: s.name, "localname": lambda s: s.name, "value": lambda s: s.value,
                "#text": lambda s: s.value, "innertext": lambda s: s.value}

    def ps_to_string(self):
        return self.name


def _xpath_for_et(path: str) -> tuple[bool, str]:
    """(absolute, ElementTree path)."""
    p = path.strip()
    if p.endswith("/text()"):
        p = p[:-7]
    if p.startswith("//"):
        return True, ".//" + p[2:]
    if p.startswith("/"):
        return True, "./" + p[1:]
    return False, p


def _xml_select(node, path: str) -> list:
    import xml.etree.ElementTree as ET
    doc = node if isinstance(node, XmlDocumentValue) else node.doc
    absolute, et_path = _xpath_for_et(path)
    try:
        if absolute or isinstance(node, XmlDocumentValue):
            if doc.root is None:
                return []
            holder = ET.Element("#document")
            holder.append(doc.root)
            found = holder.findall(et_path if absolute else "./" + et_path)
        else:
            found = node.el.findall(et_path)
    except (SyntaxError, KeyError) as e:
        raise XPathException(f"'{path}' has an invalid token.")
    return [doc.wrap(e) for e in found]


class XPathException(E.SystemException):
    dotnet_type = "System.Xml.XPath.XPathException"


E.DOTNET_EXCEPTION_TYPES.setdefault(XPathException.dotnet_type.casefold(), XPathException)


def _xml_get_attribute(s, a):
    name = a_str(a, 0, "name")
    for k, v in s.el.attrib.items():
        if _xml_local(k) == name:
            return v
    return ""


def _xml_append(s, a):
    child = unwrap(a[0])
    if isinstance(child, XmlElementValue):
        parent = s.el if isinstance(s, XmlElementValue) else None
        if parent is None:
            s.root = child.el
        else:
            old_parent = child.doc.parents().get(child.el)
            if old_parent is not None:
                old_parent.remove(child.el)
            parent.append(child.el)
        s_doc = s if isinstance(s, XmlDocumentValue) else s.doc
        child.doc = s_doc
        s_doc.invalidate()
        return child
    raise ArgConversionError(child, "newChild", "System.Xml.XmlNode", "An XmlNode is required.")


def _xml_remove(s, a):
    child = unwrap(a[0])
    if isinstance(child, XmlElementValue):
        s.el.remove(child.el)
        s.doc.invalidate()
        return child
    raise ArgumentException("The node to be removed is not a child of this node.")


def _xml_set_attribute(s, a):
    s.el.attrib[a_str(a, 0, "name")] = a_str(a, 1, "value") or ""


def _xml_by_tag(s, a):
    name = a_str(a, 0, "name")
    root = s.root if isinstance(s, XmlDocumentValue) else s.el
    doc = s if isinstance(s, XmlDocumentValue) else s.doc
    if root is None:
        return []
    return [doc.wrap(e) for e in root.iter() if (name == "*" or _xml_local(e.tag) == name) and
            (e is not root or isinstance(s, XmlDocumentValue))]


_XML_NODE_METHODS = (
    NetMethod("SelectNodes", ("System.Xml.XmlNodeList SelectNodes(string xpath)",),
              lambda s, a: _xml_select(s, a_str(a, 0, "xpath"))),
    NetMethod("SelectSingleNode", ("System.Xml.XmlNode SelectSingleNode(string xpath)",),
              lambda s, a: (_xml_select(s, a_str(a, 0, "xpath")) or [None])[0]),
    NetMethod("AppendChild", ("System.Xml.XmlNode AppendChild(System.Xml.XmlNode newChild)",), _xml_append),
    NetMethod("GetElementsByTagName", ("System.Xml.XmlNodeList GetElementsByTagName(string name)",), _xml_by_tag),
)

XmlElementValue.net_methods = _methods(
    *_XML_NODE_METHODS,
    NetMethod("GetAttribute", ("string GetAttribute(string name)",), _xml_get_attribute),
    NetMethod("SetAttribute", ("void SetAttribute(string name, string value)",), _xml_set_attribute),
    NetMethod("HasAttribute", ("bool HasAttribute(string name)",),
              lambda s, a: any(_xml_local(k) == a_str(a, 0) for k in s.el.attrib)),
    NetMethod("RemoveAttribute", ("void RemoveAttribute(string name)",),
              lambda s, a: [s.el.attrib.pop(k) for k in list(s.el.attrib) if _xml_local(k) == a_str(a, 0)] and None),
    NetMethod("RemoveChild", ("System.Xml.XmlNode RemoveChild(System.Xml.XmlNode oldChild)",), _xml_remove),
    NetMethod("RemoveAll", ("void RemoveAll()",), lambda s, a: s.el.clear()),
    NetMethod("CloneNode", ("System.Xml.XmlNode CloneNode(bool deep)",),
              lambda s, a: s.doc.wrap(__import__("copy").deepcopy(s.el))),
    NetMethod("ToString", ("string ToString()",), lambda s, a: "System.Xml.XmlElement"),
)


def _xml_create_element(doc, a):
    import xml.etree.ElementTree as ET
    return doc.wrap(ET.Element(a_str(a, 0, "name")))


def _xml_load_xml(doc, a):
    new = XmlDocumentValue.parse(a_str(a, 0, "xml"))
    doc.root, doc.declaration = new.root, new.declaration
    doc.invalidate()


def _xml_load(doc, a):
    path = os.path.abspath(os.path.expanduser(a_str(a, 0, "filename")))
    with open(path, encoding="utf-8-sig") as f:
        _xml_load_xml(doc, [f.read()])


def _xml_save(doc, a):
    path = os.path.abspath(os.path.expanduser(a_str(a, 0, "filename")))
    import xml.etree.ElementTree as ET
    import copy
    root = copy.deepcopy(doc.root)
    ET.indent(root, space="  ")
    head = f"<?xml {doc.declaration}?>\n" if doc.declaration is not None else ""
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + ET.tostring(root, encoding="unicode"))


XmlDocumentValue.net_methods = _methods(
    *_XML_NODE_METHODS,
    NetMethod("CreateElement", ("System.Xml.XmlElement CreateElement(string name)",), _xml_create_element),
    NetMethod("LoadXml", ("void LoadXml(string xml)",), _xml_load_xml),
    NetMethod("Load", ("void Load(string filename)",), _xml_load),
    NetMethod("Save", ("void Save(string filename)",), _xml_save),
    NetMethod("ToString", ("string ToString()",), lambda s, a: "System.Xml.XmlDocument"),
)


def _xml_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None or isinstance(value, XmlDocumentValue):
        return value
    if isinstance(value, (list, tuple)):
        value = "\n".join(C.to_string(x) for x in value)
    text = C.to_string(value)
    try:
        return XmlDocumentValue.parse(text)
    except XmlException as e:
        raise C.cast_error(value, "System.Xml.XmlDocument", e.message, error_id="InvalidCastToXmlDocument")


# ==============================================================================================
# Static members: numbers

def _culture_arg(v: Any):
    from pslark.runtime.culture import Culture, current_culture
    v = unwrap(v)
    if isinstance(v, Culture):
        return v
    if isinstance(v, (NumberFormatInfo, DateTimeFormatInfo)):
        return v.culture
    return current_culture()


_NUMBER_STYLES = {"none": 0, "allowleadingwhite": 1, "allowtrailingwhite": 2, "allowleadingsign": 4,
                  "allowtrailingsign": 8, "allowparentheses": 16, "allowdecimalpoint": 32, "allowthousands": 64,
                  "allowexponent": 128, "allowcurrencysymbol": 256, "allowhexspecifier": 512, "integer": 7,
                  "hexnumber": 515, "number": 111, "float": 167, "currency": 383, "any": 511,
                  "allowbinaryspecifier": 1024, "binarynumber": 1027}


def _styles_value(v: Any) -> int:
    v = unwrap(v)
    if isinstance(v, EnumValue):
        return int(v)
    if is_integer(v):
        return int(v)
    total = 0
    for part in C.to_string(v).split(","):
        p = part.strip().casefold()
        if p not in _NUMBER_STYLES:
            raise ArgConversionError(v, "style", "System.Globalization.NumberStyles",
                                     f"Unable to match the identifier name {part.strip()} to a valid enumerator name.")
        total |= _NUMBER_STYLES[p]
    return total


def parse_number_text(s: Optional[str], kind: str, styles: Optional[int] = None, culture=None) -> Any:
    """Int32.Parse / Double.Parse / Decimal.Parse ... with NumberStyles and a culture."""
    from pslark.runtime.culture import current_culture
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    c = culture or current_culture()
    info = _NUMERIC_TYPES[kind]
    integral = info[2]
    if styles is None:
        styles = 7 if integral else (111 if kind == "System.Decimal" else 167 | 64)
    text = s
    if styles & 1:
        text = text.lstrip()
    if styles & 2:
        text = text.rstrip()
    bad = FormatException(f"The input string '{s}' was not in a correct format.")
    if styles & 512:
        if not text or any(ch not in "0123456789abcdefABCDEF" for ch in text):
            raise bad
        raw = int(text, 16)
        bits = info[3]
        if raw >= 1 << bits:
            raise OverflowException(info[4])
        if info[0] < 0 and raw >= 1 << (bits - 1):
            raw -= 1 << bits
        return _make_number(kind, raw)
    neg = False
    if text[:1] in ("-", "+") and styles & 4:
        neg = text[0] == "-"
        text = text[1:]
    elif text[-1:] in ("-", "+") and styles & 8:
        neg = text[-1] == "-"
        text = text[:-1]
    elif text.startswith("(") and text.endswith(")") and styles & 16:
        neg = True
        text = text[1:-1]
    if styles & 256 and c.currency_symbol and text.startswith(c.currency_symbol):
        text = text[len(c.currency_symbol):]
    if styles & 64 and c.group_sep:
        text = text.replace(c.group_sep, "") if c.group_sep not in (c.decimal_sep,) else text
    if not integral and text.casefold() in (c.nan.casefold(), "nan"):
        return float("nan")
    if not integral and text.casefold() in (c.pos_inf.casefold(), "infinity", "∞"):
        return float("-inf") if neg else float("inf")
    import re
    pat = r"\d+"
    if styles & 32:
        pat = r"(?:\d+(?:" + re.escape(c.decimal_sep) + r"\d*)?|" + re.escape(c.decimal_sep) + r"\d+)"
    if styles & 128:
        pat += r"(?:[eE][+-]?\d+)?"
    if not text or not re.fullmatch(pat, text):
        raise bad
    norm = text.replace(c.decimal_sep, ".") if c.decimal_sep != "." else text
    if integral:
        d = _Dec(norm)
        if d != d.to_integral_value():
            raise OverflowException(info[4])
        n = int(d)
        if neg:
            n = -n
        if not info[0] <= n <= info[1]:
            raise OverflowException(info[4])
        return _make_number(kind, n)
    if kind == "System.Decimal":
        d = _Dec(norm)
        if neg:
            d = -d
        if abs(d) > _Dec("79228162514264337593543950335"):
            raise OverflowException(info[4])
        return d
    f = float(norm)
    if neg:
        f = -f
    return Single(f) if kind == "System.Single" else f


def _make_number(kind: str, n: int) -> Any:
    if kind == "System.Int32":
        return n
    cls = {"System.Int64": Int64, "System.Byte": Byte, "System.SByte": SByte, "System.Int16": Int16,
           "System.UInt16": UInt16, "System.UInt32": UInt32, "System.UInt64": UInt64,
           "System.Numerics.BigInteger": BigInteger}[kind]
    return cls(n)


# full name -> (min, max, integral, bits, overflow text, accelerator)
_NUMERIC_TYPES = {
    "System.Int32": (INT32_MIN, INT32_MAX, True, 32, "Value was either too large or too small for an Int32."),
    "System.Int64": (INT64_MIN, INT64_MAX, True, 64, "Value was either too large or too small for an Int64."),
    "System.Byte": (0, 255, True, 8, "Value was either too large or too small for an unsigned byte."),
    "System.SByte": (-128, 127, True, 8, "Value was either too large or too small for a signed byte."),
    "System.Int16": (-32768, 32767, True, 16, "Value was either too large or too small for an Int16."),
    "System.UInt16": (0, 65535, True, 16, "Value was either too large or too small for a UInt16."),
    "System.UInt32": (0, 2**32 - 1, True, 32, "Value was either too large or too small for a UInt32."),
    "System.UInt64": (0, 2**64 - 1, True, 64, "Value was either too large or too small for a UInt64."),
    "System.Numerics.BigInteger": (-(2**4096), 2**4096, True, 4096, "Value was either too large or too small."),
    "System.Double": (None, None, False, 64, "Value was either too large or too small for a Double."),
    "System.Single": (None, None, False, 32, "Value was either too large or too small for a Single."),
    "System.Decimal": (None, None, False, 128, "Value was either too large or too small for a Decimal."),
}


def _num_parse(kind: str):
    def run(args):
        s = a_str(args, 0, "s")
        styles, culture = None, None
        for extra in args[1:]:
            ex = unwrap(extra)
            from pslark.runtime.culture import Culture
            if isinstance(ex, (Culture, NumberFormatInfo)):
                culture = _culture_arg(ex)
            elif ex is not None:
                styles = _styles_value(ex)
        return parse_number_text(s, kind, styles, culture)
    return run


def _num_try_parse(kind: str):
    def run(args):
        ref = args[-1]
        try:
            v = _num_parse(kind)(args[:-1])
            ok = True
        except PSException:
            v = _make_number(kind, 0) if _NUMERIC_TYPES[kind][2] else (_Dec(0) if kind == "System.Decimal" else
                                                                       (Single(0) if kind == "System.Single" else 0.0))
            ok = False
        _set_ref(ref, v)
        return ok
    return run


def _numeric_statics(kind: str, convert: Callable) -> tuple[dict, list]:
    lo, hi, integral, bits, _ = _NUMERIC_TYPES[kind]
    statics: dict = {}
    if integral and kind != "System.Numerics.BigInteger":
        statics["MaxValue"] = _make_number(kind, hi)
        statics["MinValue"] = _make_number(kind, lo)
    elif kind == "System.Double":
        statics.update({"MaxValue": 1.7976931348623157e308, "MinValue": -1.7976931348623157e308,
                        "Epsilon": 5e-324, "NaN": float("nan"), "PositiveInfinity": float("inf"),
                        "NegativeInfinity": float("-inf"), "Pi": math.pi, "E": math.e, "Tau": math.tau,
                        "NegativeZero": -0.0})
    elif kind == "System.Single":
        statics.update({"MaxValue": Single(3.4028234663852886e38), "MinValue": Single(-3.4028234663852886e38),
                        "Epsilon": Single(1.401298464324817e-45), "NaN": Single(float("nan")),
                        "PositiveInfinity": Single(float("inf")), "NegativeInfinity": Single(float("-inf"))})
    elif kind == "System.Decimal":
        statics.update({"MaxValue": _Dec("79228162514264337593543950335"),
                        "MinValue": _Dec("-79228162514264337593543950335"), "One": _Dec(1), "Zero": _Dec(0),
                        "MinusOne": _Dec(-1)})
    elif kind == "System.Numerics.BigInteger":
        statics.update({"One": BigInteger(1), "Zero": BigInteger(0), "MinusOne": BigInteger(-1)})
    sname = {"System.Int32": "int", "System.Int64": "long", "System.Double": "double", "System.Decimal": "decimal",
             "System.Byte": "byte", "System.Single": "float", "System.SByte": "sbyte", "System.Int16": "short",
             "System.UInt16": "ushort", "System.UInt32": "uint", "System.UInt64": "ulong",
             "System.Numerics.BigInteger": "bigint"}[kind]
    methods = [
        NetMethod("Parse", (f"{sname} Parse(string s)", f"{sname} Parse(string s, System.Globalization.NumberStyles "
                            "style)", f"{sname} Parse(string s, System.IFormatProvider provider)",
                            f"{sname} Parse(string s, System.Globalization.NumberStyles style, "
                            "System.IFormatProvider provider)"), lambda t, a: _num_parse(kind)(a)),
        NetMethod("TryParse", (f"bool TryParse(string s, [ref] {sname} result)",
                               f"bool TryParse(string s, System.IFormatProvider provider, [ref] {sname} result)",
                               f"bool TryParse(string s, System.Globalization.NumberStyles style, "
                               f"System.IFormatProvider provider, [ref] {sname} result)"),
                  lambda t, a: _num_try_parse(kind)(a)),
        NetMethod("Equals", ("bool Equals(System.Object objA, System.Object objB)",),
                  lambda t, a: _static_equals(a)),
        NetMethod("Abs", (f"{sname} Abs({sname} value)",), lambda t, a: _math_abs([convert(a[0])])),
        NetMethod("Max", (f"{sname} Max({sname} x, {sname} y)",), lambda t, a: convert(_math_minmax(max)(a))),
        NetMethod("Min", (f"{sname} Min({sname} x, {sname} y)",), lambda t, a: convert(_math_minmax(min)(a))),
        NetMethod("Clamp", (f"{sname} Clamp({sname} value, {sname} min, {sname} max)",),
                  lambda t, a: convert(_math_clamp(a))),
        NetMethod("Sign", (f"int Sign({sname} value)",), lambda t, a: _math_sign([convert(a[0])])),
        NetMethod("IsNegative", (f"bool IsNegative({sname} value)",),
                  lambda t, a: (lambda v: v < 0 or (isinstance(v, float) and math.copysign(1, v) < 0))(convert(a[0]))),
        NetMethod("IsPositive", (f"bool IsPositive({sname} value)",),
                  lambda t, a: (lambda v: not (v < 0 or (isinstance(v, float) and math.copysign(1, v) < 0)))(
                      convert(a[0]))),
    ]
    if integral:
        methods += [
            NetMethod("IsEvenInteger", (f"bool IsEvenInteger({sname} value)",), lambda t, a: int(convert(a[0])) % 2
                      == 0),
            NetMethod("IsOddInteger", (f"bool IsOddInteger({sname} value)",), lambda t, a: int(convert(a[0])) % 2
                      == 1),
            NetMethod("IsPow2", (f"bool IsPow2({sname} value)",),
                      lambda t, a: (lambda v: v > 0 and v & (v - 1) == 0)(int(convert(a[0])))),
            NetMethod("PopCount", (f"{sname} PopCount({sname} value)",),
                      lambda t, a: convert(bin(int(convert(a[0])) & ((1 << bits) - 1)).count("1"))),
            NetMethod("LeadingZeroCount", (f"{sname} LeadingZeroCount({sname} value)",),
                      lambda t, a: convert(bits - (int(convert(a[0])) & ((1 << bits) - 1)).bit_length())),
            NetMethod("TrailingZeroCount", (f"{sname} TrailingZeroCount({sname} value)",),
                      lambda t, a: convert(_tzc(int(convert(a[0])), bits))),
            NetMethod("Log2", (f"{sname} Log2({sname} value)",),
                      lambda t, a: convert(max(int(convert(a[0])).bit_length() - 1, 0))),
        ]
    else:
        methods += [
            NetMethod("IsNaN", (f"bool IsNaN({sname} d)",), lambda t, a: _isnan(a[0])),
            NetMethod("IsInfinity", (f"bool IsInfinity({sname} d)",), lambda t, a: _isinf(a[0], 0)),
            NetMethod("IsPositiveInfinity", (f"bool IsPositiveInfinity({sname} d)",), lambda t, a: _isinf(a[0], 1)),
            NetMethod("IsNegativeInfinity", (f"bool IsNegativeInfinity({sname} d)",), lambda t, a: _isinf(a[0], -1)),
            NetMethod("IsFinite", (f"bool IsFinite({sname} d)",),
                      lambda t, a: (lambda v: not (math.isnan(v) or math.isinf(v)))(C.to_double(a[0]))),
            NetMethod("IsInteger", (f"bool IsInteger({sname} value)",),
                      lambda t, a: (lambda v: math.isfinite(v) and v == int(v))(C.to_double(a[0]))),
            NetMethod("Round", (f"{sname} Round({sname} x)", f"{sname} Round({sname} x, int digits)"),
                      lambda t, a: convert(_math_round([convert(a[0])] + list(a[1:])))),
            NetMethod("Floor", (f"{sname} Floor({sname} x)",), lambda t, a: convert(_math_floor([convert(a[0])]))),
            NetMethod("Ceiling", (f"{sname} Ceiling({sname} x)",), lambda t, a: convert(_math_ceiling([convert(a[0])]))),
            NetMethod("Truncate", (f"{sname} Truncate({sname} x)",), lambda t, a: convert(_math_truncate([convert(a[0])]))),
        ]
    return statics, methods


def _tzc(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    if v == 0:
        return bits
    return (v & -v).bit_length() - 1


def _isnan(v):
    v = unwrap(v)
    return isinstance(v, float) and math.isnan(v) or (not isinstance(v, (int, _Dec)) and math.isnan(C.to_double(v)))


def _isinf(v, sign):
    d = C.to_double(v)
    if not math.isinf(d):
        return False
    return sign == 0 or (d > 0) == (sign > 0)


def _static_equals(a):
    x, y = unwrap(a[0]), unwrap(a[1])
    if x is None or y is None:
        return x is y
    return _net_equals(x, y)


# ----------------------------------------------------------------------------------------------
# [math]

def _num(v: Any) -> Any:
    """A method argument as a .NET number (Int32/Int64/Double/Decimal ...)."""
    v = unwrap(v)
    t = type(v)
    if t is int or t is float:
        return v
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float, _Dec)):
        return v
    if isinstance(v, PSChar):
        return ord(v)
    if v is None:
        return 0
    try:
        return C.to_number(v, "System.Double")
    except PSInvalidCastException as e:
        raise ArgConversionError(v, "value", "System.Double", e.message)


def _dbl(v: Any, param: str = "d") -> float:
    v = unwrap(v)
    if type(v) is float:
        return v
    try:
        return C.to_double(v)
    except PSInvalidCastException as e:
        raise ArgConversionError(v, param, "System.Double", e.message)


def _midpoint(v: Any) -> str:
    v = unwrap(v)
    if isinstance(v, EnumValue):
        return str(v)
    if is_integer(v):
        return ("ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity")[int(v)]
    t = resolve_type("System.MidpointRounding")
    try:
        return str(t.convert(v))
    except PSInvalidCastException as e:
        raise ArgConversionError(v, "mode", "System.MidpointRounding", e.message)


def _round_float(x: float, digits: int, mode: str) -> float:
    if math.isnan(x) or math.isinf(x):
        return x
    if abs(x) >= 1e16:
        return x
    p = 10.0 ** digits
    scaled = x * p if digits else x
    if mode == "ToEven":
        r = float(round(scaled))
        if r == 0 and math.copysign(1, x) < 0:
            r = -0.0
    elif mode == "AwayFromZero":
        frac, whole = math.modf(scaled)
        r = whole + (math.copysign(1.0, frac) if abs(frac) >= 0.5 else 0.0)
    elif mode == "ToZero":
        r = float(math.trunc(scaled))
    elif mode == "ToNegativeInfinity":
        r = float(math.floor(scaled))
    else:
        r = float(math.ceil(scaled))
    return r / p if digits else r


_DEC_ROUND = {"ToEven": decimal.ROUND_HALF_EVEN, "AwayFromZero": decimal.ROUND_HALF_UP, "ToZero": decimal.ROUND_DOWN,
              "ToNegativeInfinity": decimal.ROUND_FLOOR, "ToPositiveInfinity": decimal.ROUND_CEILING}


def _math_round(args):
    x = _num(args[0])
    digits, mode = 0, "ToEven"
    if len(args) == 2:
        second = unwrap(args[1])
        if isinstance(second, EnumValue) or (isinstance(second, str) and not second.strip().lstrip("-").isdigit()):
            mode = _midpoint(second)
        else:
            digits = a_int(args, 1, "digits")
    elif len(args) == 3:
        digits = a_int(args, 1, "digits")
        mode = _midpoint(args[2])
    if isinstance(x, _Dec):
        if not 0 <= digits <= 28:
            raise ArgumentOutOfRangeException("Rounding digits must be between 0 and 28, inclusive. "
                                              "(Parameter 'decimals')")
        q = _Dec(1).scaleb(-digits)
        r = x.quantize(q, rounding=_DEC_ROUND[mode]) if x.adjusted() < 28 else x
        return r
    if not 0 <= digits <= 15:
        raise ArgumentOutOfRangeException("Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')")
    return _round_float(float(x), digits, mode)


def _math_floor(args):
    x = _num(args[0])
    if isinstance(x, _Dec):
        return x.to_integral_value(rounding=decimal.ROUND_FLOOR)
    x = float(x)
    return float(math.floor(x)) if math.isfinite(x) else x


def _math_ceiling(args):
    x = _num(args[0])
    if isinstance(x, _Dec):
        return x.to_integral_value(rounding=decimal.ROUND_CEILING)
    x = float(x)
    return float(math.ceil(x)) if math.isfinite(x) else x


def _math_truncate(args):
    x = _num(args[0])
    if isinstance(x, _Dec):
        return x.to_integral_value(rounding=decimal.ROUND_DOWN)
    x = float(x)
    return float(math.trunc(x)) if math.isfinite(x) else x


def _math_abs(args):
    x = _num(args[0])
    if isinstance(x, _TypedInt) or type(x) is int:
        tn = C.type_name_of(x)
        if tn in _NUMERIC_TYPES and _NUMERIC_TYPES[tn][0] == -abs(int(x)) and int(x) < 0 and tn != \
                "System.Numerics.BigInteger":
            raise OverflowException("Negating the minimum value of a twos complement number is invalid.")
        return type(x)(abs(int(x))) if type(x) is not int else abs(x)
    if isinstance(x, Single):
        return Single(abs(x))
    return abs(x)


def _widen(values: list) -> tuple[str, list]:
    """The common numeric kind of method arguments (double > decimal > Int64 > Int32)."""
    kinds = [C.type_name_of(v) for v in values]
    if any(k in ("System.Double", "System.Single") for k in kinds):
        return "double", [float(v) for v in values]
    if any(k == "System.Decimal" for k in kinds):
        return "decimal", [_Dec(v) if not isinstance(v, _Dec) else v for v in values]
    if any(k in ("System.Int64", "System.UInt32", "System.UInt64", "System.Numerics.BigInteger") for k in kinds):
        return "long", [int(v) for v in values]
    return "int", [int(v) for v in values]


def _rewrap(kind: str, v: Any, like: list) -> Any:
    if kind == "long":
        types = {type(x) for x in like if isinstance(x, _TypedInt)}
        if len(types) == 1:
            return types.pop()(v)
        return Int64(v) if INT32_MIN <= v <= INT32_MAX else v
    if kind == "int":
        types = {type(x) for x in like}
        if len(types) == 1 and issubclass(next(iter(types)), _TypedInt):
            return next(iter(types))(v)
    return v


def _math_minmax(fn):
    def run(args):
        vals = [_num(a) for a in args[:2]]
        kind, conv = _widen(vals)
        if kind == "double" and any(math.isnan(x) for x in conv):
            return float("nan")
        return _rewrap(kind, fn(conv), vals)
    return run


def _math_clamp(args):
    vals = [_num(a) for a in args[:3]]
    kind, (v, lo, hi) = _widen(vals)
    if lo > hi:
        raise ArgumentException(f"'{_text(vals[1])}' cannot be greater than {_text(vals[2])}.")
    return _rewrap(kind, min(max(v, lo), hi), vals)


def _math_sign(args):
    x = _num(args[0])
    if isinstance(x, float) and math.isnan(x):
        raise ArithmeticException_("Function does not accept floating point Not-a-Number values.")
    return 0 if x == 0 else (1 if x > 0 else -1)


def ArithmeticException_(msg: str):
    return E.ArithmeticException(msg)


def _math_pow(args):
    x, y = _dbl(args[0], "x"), _dbl(args[1], "y")
    try:
        return math.pow(x, y)
    except OverflowError:
        return float("inf") if x > 0 or y == int(y) and int(y) % 2 == 0 else float("-inf")
    except ValueError:
        if x == 0 and y < 0:
            return float("inf")
        return float("nan")


def _fn1(fn, param="d"):
    def run(args):
        x = _dbl(args[0], param)
        try:
            return fn(x)
        except (ValueError, ZeroDivisionError):
            return float("nan")
        except OverflowError:
            return float("inf")
    return run


def _math_log(args):
    x = _dbl(args[0], "d")
    if len(args) == 2:
        b = _dbl(args[1], "newBase")
        if b == 1 or b <= 0 or x < 0:
            return float("nan")
        if x == 0:
            return float("-inf") if b > 1 else float("inf")
        return math.log(x) / math.log(b)
    if x == 0:
        return float("-inf")
    if x < 0 or math.isnan(x):
        return float("nan")
    return math.log(x)


def _safe_log(fn):
    def run(x):
        if x == 0:
            return float("-inf")
        if x < 0 or math.isnan(x):
            return float("nan")
        return fn(x)
    return run


def _math_divrem(args):
    vals = [_num(a) for a in args[:2]]
    kind, (a, b) = _widen(vals)
    if kind in ("double",):
        raise ArgConversionError(vals[0], "left", "System.Int32", "Cannot convert.")
    if b == 0:
        raise E.DivideByZeroException("Attempted to divide by zero.")
    q = int(a / b) if kind != "decimal" else (a / b).to_integral_value(rounding=decimal.ROUND_DOWN)
    r = a - q * b
    q, r = _rewrap(kind, q, vals), _rewrap(kind, r, vals)
    if len(args) == 3:
        _set_ref(args[2], r)
        return q
    return ValueTuple([q, r])


class ValueTuple(NetObject):
    __slots__ = ("items",)
    ps_properties = ()

    def __init__(self, items):
        self.items = list(items)

    @property
    def type_names(self):
        return [f"System.ValueTuple`{len(self.items)}", "System.ValueType", "System.Object"]

    @property
    def ps_properties(self):
        return tuple(f"Item{i + 1}" for i in range(len(self.items)))

    def ps_get(self, name):
        n = name.casefold()
        if n.startswith("item") and n[4:].isdigit():
            i = int(n[4:]) - 1
            if 0 <= i < len(self.items):
                return self.items[i]
        if n == "length":
            return len(self.items)
        raise AttributeError(name)

    def ps_to_string(self):
        return "(" + ", ".join(_text(x) for x in self.items) + ")"

    def ps_index(self, index: Any) -> Any:
        """ITuple: `$t[0]`, `$t[-1]`, `$t[0..1]` (out of range: $null)."""
        index = unwrap(index)
        if isinstance(index, (list, tuple)):
            return [self.ps_index(i) for i in index]
        i = C.to_int(index)
        if i < 0:
            i += len(self.items)
        return self.items[i] if 0 <= i < len(self.items) else None


class ArrayEnumerator(NetObject):
    """An array's GetEnumerator(): an IEnumerator with its own position (MoveNext / Current / Reset). Passing it
    as an argument leaves it where it is; the pipeline enumerates what is left of it."""
    __slots__ = ("items", "pos")
    type_names = ["System.SZGenericArrayEnumerator`1[System.Object]", "System.SZGenericArrayEnumeratorBase",
                  "System.Object"]
    ps_properties = ("Current",)

    def __init__(self, items):
        self.items = items
        self.pos = -1

    def current(self):
        if 0 <= self.pos < len(self.items):
            return self.items[self.pos]
        inner = InvalidOperationException("Enumeration has not started. Call MoveNext." if self.pos < 0 else
                                          "Enumeration already finished.")
        raise E.GetValueInvocationException(f'Exception getting "Current": "{inner.message}"', inner=inner,
                                            error_id="ExceptionWhenGetting", category="NotSpecified")

    def move_next(self) -> bool:
        if self.pos < len(self.items):
            self.pos += 1
        return self.pos < len(self.items)

    def ps_enumerate(self):
        while self.move_next():
            yield self.items[self.pos]

    _getters = {"current": lambda s: s.current()}


ArrayEnumerator.net_methods = _methods(
    NetMethod("MoveNext", ("bool MoveNext()",), lambda e, a: e.move_next()),
    NetMethod("Reset", ("void Reset()",), lambda e, a: setattr(e, "pos", -1)),
)


class InputEnumerator(ArrayEnumerator):
    """`$input`: an enumerator over a command's pipeline input; reading it (a pipeline, foreach, @()) uses it
    up, so a second `$input` in the same block yields nothing, as in pwsh."""
    __slots__ = ()
    type_names = ["System.Collections.ArrayList+ArrayListEnumeratorSimple", "System.Object"]


class TupleValue(ValueTuple):
    """System.Tuple`N from [Tuple]::Create(...): a reference type, otherwise like ValueTuple."""
    __slots__ = ()

    @property
    def type_names(self):
        return [f"System.Tuple`{len(self.items)}", "System.Object"]


def _tuple_create(t, args):
    if not 1 <= len(args) <= 8:
        raise overload_count_error("Create", len(args))
    return TupleValue(args)


def _math_bigmul(args):
    a, b = a_long(args, 0, "a"), a_long(args, 1, "b")
    r = a * b
    return Int64(r) if INT64_MIN <= r <= INT64_MAX else BigInteger(r)


def _ieee_remainder(args):
    x, y = _dbl(args[0], "x"), _dbl(args[1], "y")
    try:
        return math.remainder(x, y)
    except ValueError:
        return float("nan")


_MATH_METHODS = [
    NetMethod("Abs", ("sbyte Abs(sbyte value)", "short Abs(short value)", "int Abs(int value)",
                      "long Abs(long value)", "float Abs(float value)", "double Abs(double value)",
                      "decimal Abs(decimal value)"), lambda t, a: _math_abs(a)),
    NetMethod("Round", ("double Round(double a)", "double Round(double value, int digits)",
                        "double Round(double value, System.MidpointRounding mode)",
                        "double Round(double value, int digits, System.MidpointRounding mode)",
                        "decimal Round(decimal d)", "decimal Round(decimal d, int decimals)",
                        "decimal Round(decimal d, System.MidpointRounding mode)",
                        "decimal Round(decimal d, int decimals, System.MidpointRounding mode)"),
              lambda t, a: _math_round(a)),
    NetMethod("Floor", ("decimal Floor(decimal d)", "double Floor(double d)"), lambda t, a: _math_floor(a)),
    NetMethod("Ceiling", ("decimal Ceiling(decimal d)", "double Ceiling(double a)"), lambda t, a: _math_ceiling(a)),
    NetMethod("Truncate", ("decimal Truncate(decimal d)", "double Truncate(double d)"),
              lambda t, a: _math_truncate(a)),
    NetMethod("Max", ("int Max(int val1, int val2)", "long Max(long val1, long val2)",
                      "double Max(double val1, double val2)", "decimal Max(decimal val1, decimal val2)"),
              lambda t, a: _math_minmax(max)(a)),
    NetMethod("Min", ("int Min(int val1, int val2)", "long Min(long val1, long val2)",
                      "double Min(double val1, double val2)", "decimal Min(decimal val1, decimal val2)"),
              lambda t, a: _math_minmax(min)(a)),
    NetMethod("Clamp", ("int Clamp(int value, int min, int max)", "double Clamp(double value, double min, "
                        "double max)"), lambda t, a: _math_clamp(a)),
    NetMethod("Pow", ("double Pow(double x, double y)",), lambda t, a: _math_pow(a)),
    NetMethod("Sqrt", ("double Sqrt(double d)",), lambda t, a: _fn1(math.sqrt)(a)),
    NetMethod("Cbrt", ("double Cbrt(double d)",), lambda t, a: _fn1(lambda x: math.copysign(abs(x) ** (1 / 3), x))(a)),
    NetMethod("Exp", ("double Exp(double d)",), lambda t, a: _fn1(math.exp)(a)),
    NetMethod("Log", ("double Log(double d)", "double Log(double a, double newBase)"), lambda t, a: _math_log(a)),
    NetMethod("Log10", ("double Log10(double d)",), lambda t, a: _fn1(_safe_log(math.log10))(a)),
    NetMethod("Log2", ("double Log2(double x)",), lambda t, a: _fn1(_safe_log(math.log2))(a)),
    NetMethod("Sin", ("double Sin(double a)",), lambda t, a: _fn1(math.sin)(a)),
    NetMethod("Cos", ("double Cos(double d)",), lambda t, a: _fn1(math.cos)(a)),
    NetMethod("Tan", ("double Tan(double a)",), lambda t, a: _fn1(math.tan)(a)),
    NetMethod("Asin", ("double Asin(double d)",), lambda t, a: _fn1(math.asin)(a)),
    NetMethod("Acos", ("double Acos(double d)",), lambda t, a: _fn1(math.acos)(a)),
    NetMethod("Atan", ("double Atan(double d)",), lambda t, a: _fn1(math.atan)(a)),
    NetMethod("Atan2", ("double Atan2(double y, double x)",), lambda t, a: math.atan2(_dbl(a[0], "y"), _dbl(a[1], "x"))),
    NetMethod("Sinh", ("double Sinh(double value)",), lambda t, a: _fn1(math.sinh)(a)),
    NetMethod("Cosh", ("double Cosh(double value)",), lambda t, a: _fn1(math.cosh)(a)),
    NetMethod("Tanh", ("double Tanh(double value)",), lambda t, a: _fn1(math.tanh)(a)),
    NetMethod("Asinh", ("double Asinh(double d)",), lambda t, a: _fn1(math.asinh)(a)),
    NetMethod("Acosh", ("double Acosh(double d)",), lambda t, a: _fn1(math.acosh)(a)),
    NetMethod("Atanh", ("double Atanh(double d)",), lambda t, a: _fn1(math.atanh)(a)),
    NetMethod("Sign", ("int Sign(int value)", "int Sign(long value)", "int Sign(double value)",
                       "int Sign(decimal value)"), lambda t, a: _math_sign(a)),
    NetMethod("DivRem", ("int DivRem(int a, int b, [ref] int result)", "long DivRem(long a, long b, [ref] long result)",
                         "System.ValueTuple[int,int] DivRem(int left, int right)"), lambda t, a: _math_divrem(a)),
    NetMethod("BigMul", ("long BigMul(int a, int b)",), lambda t, a: _math_bigmul(a)),
    NetMethod("IEEERemainder", ("double IEEERemainder(double x, double y)",), lambda t, a: _ieee_remainder(a)),
    NetMethod("CopySign", ("double CopySign(double x, double y)",),
              lambda t, a: math.copysign(_dbl(a[0], "x"), _dbl(a[1], "y"))),
    NetMethod("FusedMultiplyAdd", ("double FusedMultiplyAdd(double x, double y, double z)",),
              lambda t, a: _dbl(a[0]) * _dbl(a[1]) + _dbl(a[2])),
    NetMethod("MaxMagnitude", ("double MaxMagnitude(double x, double y)",),
              lambda t, a: max(_dbl(a[0]), _dbl(a[1]), key=abs)),
    NetMethod("MinMagnitude", ("double MinMagnitude(double x, double y)",),
              lambda t, a: min(_dbl(a[0]), _dbl(a[1]), key=abs)),
    NetMethod("ScaleB", ("double ScaleB(double x, int n)",), lambda t, a: math.ldexp(_dbl(a[0]), a_int(a, 1, "n"))),
    NetMethod("ILogB", ("int ILogB(double x)",), lambda t, a: math.frexp(_dbl(a[0]))[1] - 1),
    NetMethod("BitIncrement", ("double BitIncrement(double x)",), lambda t, a: math.nextafter(_dbl(a[0]), math.inf)),
    NetMethod("BitDecrement", ("double BitDecrement(double x)",), lambda t, a: math.nextafter(_dbl(a[0]), -math.inf)),
    NetMethod("ReciprocalEstimate", ("double ReciprocalEstimate(double d)",), lambda t, a: 1 / _dbl(a[0])),
]
_MATH_STATICS = {"PI": math.pi, "E": math.e, "Tau": math.tau}


# ----------------------------------------------------------------------------------------------
# [Convert]

def _convert_base(args, kind: str):
    s = a_str(args, 0, "value")
    base = a_int(args, 1, "fromBase")
    if base not in (2, 8, 10, 16):
        raise ArgumentException("Invalid Base. (Parameter 'fromBase')")
    if s is None:
        return _make_number(kind, 0)
    lo, hi, _, bits, over = _NUMERIC_TYPES[kind]
    t = s
    if base == 16 and t[:2].casefold() == "0x":
        t = t[2:]
    neg = False
    if base == 10 and t.startswith("-"):
        neg, t = True, t[1:]
    if not t:
        raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size of "
                                          "the collection. (Parameter 'startIndex')")
    digits = "0123456789abcdef"[:base]
    if any(ch.casefold() not in digits for ch in t):
        raise FormatException("Could not find any recognizable digits.")
    n = int(t, base)
    if base != 10:
        if n >= 1 << bits:
            raise OverflowException(over)
        if lo < 0 and n >= 1 << (bits - 1):
            n -= 1 << bits
    else:
        if neg:
            n = -n
        if not lo <= n <= hi:
            raise OverflowException(over)
    return _make_number(kind, n)


def _convert_int(kind: str):
    def run(t, args):
        if len(args) == 2 and not isinstance(unwrap(args[1]), _culture_types()):
            return _convert_base(args, kind)
        v = unwrap(args[0])
        if v is None:
            return _make_number(kind, 0)
        if isinstance(v, str) and not isinstance(v, PSChar):
            culture = _culture_arg(args[1]) if len(args) > 1 else None
            return parse_number_text(v, kind, 7, culture)
        if isinstance(v, bool):
            return _make_number(kind, int(v))
        if isinstance(v, float) or isinstance(v, _Dec):
            if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
                raise OverflowException(_NUMERIC_TYPES[kind][4])
            n = int(_Dec(v).to_integral_value(rounding=decimal.ROUND_HALF_EVEN)) if isinstance(v, _Dec) else \
                int(round(v))
        elif isinstance(v, PSChar):
            n = ord(v)
        elif isinstance(v, int):
            n = int(v)
        elif isinstance(v, datetime.datetime):
            raise E.InvalidCastException(f"Invalid cast from 'DateTime' to '{kind.split('.')[-1]}'.")
        else:
            try:
                n = int(C.to_number(v))
            except PSInvalidCastException:
                raise E.InvalidCastException(f"Unable to cast object of type '{C.type_name_of(v)}' to type "
                                             "'System.IConvertible'.")
        lo, hi = _NUMERIC_TYPES[kind][0], _NUMERIC_TYPES[kind][1]
        if not lo <= n <= hi:
            raise OverflowException(_NUMERIC_TYPES[kind][4])
        return _make_number(kind, n)
    return run


def _culture_types():
    from pslark.runtime.culture import Culture
    return (Culture, NumberFormatInfo, DateTimeFormatInfo)


def _convert_to_string(t, args):
    v = unwrap(args[0])
    if len(args) == 2 and not isinstance(unwrap(args[1]), _culture_types()):
        base = a_int(args, 1, "toBase")
        if base not in (2, 8, 10, 16):
            raise ArgumentException("Invalid Base. (Parameter 'toBase')")
        n = int(_num(v))
        bits = 64 if isinstance(v, Int64) or not INT32_MIN <= n <= INT32_MAX else (
            8 if isinstance(v, (Byte, SByte)) else 16 if isinstance(v, (Int16, UInt16)) else 32)
        if base == 10:
            return str(n)
        if n < 0:
            n &= (1 << bits) - 1
        return {2: bin, 8: oct, 16: hex}[base](n)[2:]
    if v is None:
        return ""
    from pslark.runtime.dotnet_format import ps_to_string
    culture = _culture_arg(args[1]) if len(args) > 1 else None
    if isinstance(v, bool):
        return "True" if v else "False"
    return ps_to_string(v, culture)


def _convert_to_double(t, args):
    v = unwrap(args[0])
    if v is None:
        return 0.0
    if isinstance(v, str) and not isinstance(v, PSChar):
        culture = _culture_arg(args[1]) if len(args) > 1 else None
        return parse_number_text(v, "System.Double", None, culture)
    if isinstance(v, PSChar):
        raise E.InvalidCastException("Invalid cast from 'Char' to 'Double'.")
    return C.to_double(v)


def _convert_to_decimal(t, args):
    v = unwrap(args[0])
    if v is None:
        return _Dec(0)
    if isinstance(v, str) and not isinstance(v, PSChar):
        culture = _culture_arg(args[1]) if len(args) > 1 else None
        return parse_number_text(v, "System.Decimal", None, culture)
    return C.to_decimal(v)


def _convert_to_bool(t, args):
    v = unwrap(args[0])
    if v is None:
        return False
    if isinstance(v, str) and not isinstance(v, PSChar):
        s = v.strip().strip("\0")
        if s.casefold() == "true":
            return True
        if s.casefold() == "false":
            return False
        raise FormatException(f"String '{v}' was not recognized as a valid Boolean.")
    if isinstance(v, PSChar):
        raise E.InvalidCastException("Invalid cast from 'Char' to 'Boolean'.")
    if isinstance(v, (int, float, _Dec)):
        return v != 0
    raise E.InvalidCastException(f"Unable to cast object of type '{C.type_name_of(v)}' to type 'System.IConvertible'.")


def _convert_to_char(t, args):
    v = unwrap(args[0])
    if isinstance(v, str):
        if len(v) != 1:
            raise FormatException("String must be exactly one character long.")
        return PSChar(v)
    if isinstance(v, bool) or isinstance(v, (float, _Dec)):
        raise E.InvalidCastException(f"Invalid cast from '{C.type_name_of(v).split('.')[-1]}' to 'Char'.")
    n = int(_num(v))
    if not 0 <= n <= 0xFFFF:
        raise OverflowException("Value was either too large or too small for a character.")
    return PSChar(chr(n))


def _from_base64(t, args):
    import base64
    import binascii
    s = a_str(args, 0, "s")
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    cleaned = "".join(s.split())
    bad = FormatException("The input is not a valid Base-64 string as it contains a non-base 64 character, more than "
                          "two padding characters, or an illegal character among the padding characters.")
    if len(cleaned) % 4:
        raise bad
    try:
        return byte_array(base64.b64decode(cleaned, validate=True))
    except (binascii.Error, ValueError):
        raise bad


def _to_base64(t, args):
    import base64
    data = to_bytes(args[0], "inArray")
    if len(args) >= 3:
        off, length = a_int(args, 1, "offset"), a_int(args, 2, "length")
        data = data[off:off + length]
    text = base64.b64encode(data).decode("ascii")
    opts = unwrap(args[-1]) if len(args) in (2, 4) else None
    if opts is not None and ("InsertLineBreaks" in C.to_string(opts) or (is_integer(opts) and int(opts) == 1)):
        text = "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))
    return text


def _from_hex(t, args):
    s = a_str(args, 0, "s")
    if len(s) % 2:
        raise FormatException("The input is not a valid hex string as its length is not a multiple of 2.")
    try:
        return byte_array(bytes.fromhex(s))
    except ValueError:
        raise FormatException("The input is not a valid hex string as it contains a non-hex character.")


def _change_type(t, args):
    target = unwrap(args[1])
    if not isinstance(target, PSType):
        target = resolve_type(C.to_string(target))
    if target is None:
        raise ArgumentException("Type is not valid.")
    return target.convert(args[0])


_CONVERT_METHODS = [
    NetMethod("ToInt32", ("int ToInt32(System.Object value)", "int ToInt32(string value, int fromBase)",
                          "int ToInt32(string value, System.IFormatProvider provider)"), _convert_int("System.Int32")),
    NetMethod("ToInt64", ("long ToInt64(System.Object value)", "long ToInt64(string value, int fromBase)"),
              _convert_int("System.Int64")),
    NetMethod("ToInt16", ("short ToInt16(System.Object value)", "short ToInt16(string value, int fromBase)"),
              _convert_int("System.Int16")),
    NetMethod("ToByte", ("byte ToByte(System.Object value)", "byte ToByte(string value, int fromBase)"),
              _convert_int("System.Byte")),
    NetMethod("ToSByte", ("sbyte ToSByte(System.Object value)", "sbyte ToSByte(string value, int fromBase)"),
              _convert_int("System.SByte")),
    NetMethod("ToUInt16", ("ushort ToUInt16(System.Object value)", "ushort ToUInt16(string value, int fromBase)"),
              _convert_int("System.UInt16")),
    NetMethod("ToUInt32", ("uint ToUInt32(System.Object value)", "uint ToUInt32(string value, int fromBase)"),
              _convert_int("System.UInt32")),
    NetMethod("ToUInt64", ("ulong ToUInt64(System.Object value)", "ulong ToUInt64(string value, int fromBase)"),
              _convert_int("System.UInt64")),
    NetMethod("ToString", ("string ToString(System.Object value)", "string ToString(long value, int toBase)",
                           "string ToString(System.Object value, System.IFormatProvider provider)"),
              _convert_to_string),
    NetMethod("ToDouble", ("double ToDouble(System.Object value)",
                           "double ToDouble(string value, System.IFormatProvider provider)"), _convert_to_double),
    NetMethod("ToSingle", ("float ToSingle(System.Object value)",),
              lambda t, a: Single(_convert_to_double(t, a))),
    NetMethod("ToDecimal", ("decimal ToDecimal(System.Object value)",
                            "decimal ToDecimal(string value, System.IFormatProvider provider)"), _convert_to_decimal),
    NetMethod("ToBoolean", ("bool ToBoolean(System.Object value)",), _convert_to_bool),
    NetMethod("ToChar", ("char ToChar(System.Object value)",), _convert_to_char),
    NetMethod("ToDateTime", ("datetime ToDateTime(System.Object value)",
                             "datetime ToDateTime(string value, System.IFormatProvider provider)"),
              lambda t, a: C.to_datetime(unwrap(a[0])) if a[0] is not None else datetime.datetime(1, 1, 1)),
    NetMethod("ToBase64String", ("string ToBase64String(byte[] inArray)",
                                 "string ToBase64String(byte[] inArray, System.Base64FormattingOptions options)",
                                 "string ToBase64String(byte[] inArray, int offset, int length)",
                                 "string ToBase64String(byte[] inArray, int offset, int length, "
                                 "System.Base64FormattingOptions options)"), _to_base64),
    NetMethod("FromBase64String", ("byte[] FromBase64String(string s)",), _from_base64),
    NetMethod("ToHexString", ("string ToHexString(byte[] inArray)",
                              "string ToHexString(byte[] inArray, int offset, int length)"),
              lambda t, a: to_bytes(a[0]).hex().upper() if len(a) == 1 else
              to_bytes(a[0])[a_int(a, 1):a_int(a, 1) + a_int(a, 2)].hex().upper()),
    NetMethod("ToHexStringLower", ("string ToHexStringLower(byte[] inArray)",), lambda t, a: to_bytes(a[0]).hex()),
    NetMethod("FromHexString", ("byte[] FromHexString(string s)",), _from_hex),
    NetMethod("ChangeType", ("System.Object ChangeType(System.Object value, type conversionType)",), _change_type),
    NetMethod("IsDBNull", ("bool IsDBNull(System.Object value)",), lambda t, a: False),
]


# ----------------------------------------------------------------------------------------------
# [BitConverter]

def _bc_get_bytes(t, args):
    import struct
    v = unwrap(args[0])
    if isinstance(v, bool):
        return byte_array(b"\x01" if v else b"\x00")
    if isinstance(v, PSChar):
        return byte_array(struct.pack("<H", ord(v)))
    if isinstance(v, Single):
        return byte_array(struct.pack("<f", v))
    if isinstance(v, float):
        return byte_array(struct.pack("<d", v))
    if isinstance(v, _Dec):
        return byte_array(struct.pack("<d", float(v)))
    if isinstance(v, int):
        tn = C.type_name_of(v)
        fmt = {"System.Int32": "<i", "System.Int64": "<q", "System.Int16": "<h", "System.UInt16": "<H",
               "System.UInt32": "<I", "System.UInt64": "<Q", "System.Byte": "<H", "System.SByte": "<h"}.get(tn, "<q")
        return byte_array(struct.pack(fmt, int(v)))
    return byte_array(struct.pack("<d", C.to_double(v)))


def _bc_to(fmt: str, size: int):
    def run(t, args):
        import struct
        data = to_bytes(args[0], "value")
        start = a_int(args, 1, "startIndex") if len(args) > 1 else 0
        if start < 0 or start >= len(data) and len(data) > 0:
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'startIndex')")
        if start + size > len(data):
            raise ArgumentException("Destination array is not long enough to copy all the items in the collection. "
                                    "Check array index and length. (Parameter 'value')")
        v = struct.unpack(fmt, data[start:start + size])[0]
        if fmt == "<?":
            return bool(v)
        if fmt == "<H" and size == 2 and t == "char":
            return PSChar(chr(v))
        if fmt == "<f":
            return Single(v)
        if fmt == "<d":
            return v
        kind = {"<i": "System.Int32", "<q": "System.Int64", "<h": "System.Int16", "<H": "System.UInt16",
                "<I": "System.UInt32", "<Q": "System.UInt64"}[fmt]
        return _make_number(kind, v)
    return run


def _bc_to_string(t, args):
    data = to_bytes(args[0], "value")
    if len(args) >= 2:
        start = a_int(args, 1, "startIndex")
        length = a_int(args, 2, "length") if len(args) > 2 else len(data) - start
        data = data[start:start + length]
    return "-".join(f"{b:02X}" for b in data)


_BITCONVERTER_METHODS = [
    NetMethod("GetBytes", ("byte[] GetBytes(bool value)", "byte[] GetBytes(char value)", "byte[] GetBytes(int value)",
                           "byte[] GetBytes(long value)", "byte[] GetBytes(double value)"), _bc_get_bytes),
    NetMethod("ToInt32", ("int ToInt32(byte[] value, int startIndex)",), _bc_to("<i", 4)),
    NetMethod("ToInt64", ("long ToInt64(byte[] value, int startIndex)",), _bc_to("<q", 8)),
    NetMethod("ToInt16", ("short ToInt16(byte[] value, int startIndex)",), _bc_to("<h", 2)),
    NetMethod("ToUInt16", ("ushort ToUInt16(byte[] value, int startIndex)",), _bc_to("<H", 2)),
    NetMethod("ToUInt32", ("uint ToUInt32(byte[] value, int startIndex)",), _bc_to("<I", 4)),
    NetMethod("ToUInt64", ("ulong ToUInt64(byte[] value, int startIndex)",), _bc_to("<Q", 8)),
    NetMethod("ToDouble", ("double ToDouble(byte[] value, int startIndex)",), _bc_to("<d", 8)),
    NetMethod("ToSingle", ("float ToSingle(byte[] value, int startIndex)",), _bc_to("<f", 4)),
    NetMethod("ToBoolean", ("bool ToBoolean(byte[] value, int startIndex)",), _bc_to("<?", 1)),
    NetMethod("ToString", ("string ToString(byte[] value)", "string ToString(byte[] value, int startIndex)",
                           "string ToString(byte[] value, int startIndex, int length)"), _bc_to_string),
]


# ----------------------------------------------------------------------------------------------
# [string] and [char]

def _s_join(t, args):
    sep = _sb_value_text(args[0]) if args[0] is not None else ""
    rest = args[1:]
    if len(rest) == 1:
        only = unwrap(rest[0])
        if isinstance(only, (list, tuple)) or getattr(only, "ps_enumerate", None) is not None:
            rest = _enum_items(only)
        elif only is None:
            return ""
    if len(rest) == 3 and is_integer(unwrap(rest[1])) and is_integer(unwrap(rest[2])) and isinstance(
            unwrap(rest[0]), list):
        arr = unwrap(rest[0])
        start, count = int(unwrap(rest[1])), int(unwrap(rest[2]))
        rest = arr[start:start + count]
    return sep.join("" if x is None else C.to_string(x) for x in rest)


def _s_format(t, args):
    from pslark.runtime.dotnet_format import composite_format
    first = unwrap(args[0])
    culture = None
    i = 0
    from pslark.runtime.culture import Culture
    if isinstance(first, Culture) or first is None and len(args) > 1 and isinstance(unwrap(args[1]), str):
        culture = first
        i = 1
    fmt = a_str(args, i, "format")
    if fmt is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'format')")
    rest = args[i + 1:]
    if len(rest) == 1 and isinstance(unwrap(rest[0]), (list, tuple)):
        rest = list(unwrap(rest[0]))
    return composite_format(fmt, rest, culture)


def _s_concat(t, args):
    items = args
    if len(args) == 1:
        only = unwrap(args[0])
        if isinstance(only, (list, tuple)):
            items = list(only)
    return "".join("" if x is None else C.to_string(x) for x in items)


def _comparison(v: Any) -> str:
    v = unwrap(v)
    if isinstance(v, bool):
        return "CurrentCultureIgnoreCase" if v else "CurrentCulture"
    t = resolve_type("System.StringComparison")
    try:
        return str(t.convert(v))
    except PSInvalidCastException as e:
        raise ArgConversionError(v, "comparisonType", "System.StringComparison", e.message)


def str_compare(a: Optional[str], b: Optional[str], comparison: str = "CurrentCulture") -> int:
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    if comparison.startswith("Ordinal"):
        if comparison == "OrdinalIgnoreCase":
            a, b = a.upper(), b.upper()
        for x, y in zip(a, b):
            if x != y:
                return ord(x) - ord(y)
        return len(a) - len(b)
    return C.string_compare(a, b, "IgnoreCase" not in comparison)


def _s_compare(t, args):
    if len(args) >= 5:
        a, ia, b, ib, n = (a_str(args, 0, "strA"), a_int(args, 1, "indexA"), a_str(args, 2, "strB"),
                           a_int(args, 3, "indexB"), a_int(args, 4, "length"))
        comp = _comparison(args[5]) if len(args) > 5 else "CurrentCulture"
        return _sign(str_compare(a[ia:ia + n], b[ib:ib + n], comp))
    a, b = a_str(args, 0, "strA"), a_str(args, 1, "strB")
    comp = _comparison(args[2]) if len(args) > 2 else "CurrentCulture"
    r = str_compare(a, b, comp)
    return r if comp.startswith("Ordinal") and len(args) > 2 else _sign(r)


def _sign(n: int) -> int:
    return 0 if n == 0 else (1 if n > 0 else -1)


def _s_equals(t, args):
    a, b = unwrap(args[0]), unwrap(args[1])
    if a is None or b is None:
        return a is b
    if not isinstance(a, str) or not isinstance(b, str):
        return _net_equals(a, b)
    comp = _comparison(args[2]) if len(args) > 2 else "Ordinal"
    return str_compare(str(a), str(b), comp) == 0


def _string_ctor(args):
    v = unwrap(args[0])
    if len(args) == 2:
        c = a_char(args, 0, "c")
        n = a_int(args, 1, "count")
        if n < 0:
            raise ArgumentOutOfRangeException("Count cannot be less than zero. (Parameter 'count')")
        return c * n
    if len(args) == 3:
        chars = "".join(C.to_string(x) for x in _enum_items(v))
        start, length = a_int(args, 1, "startIndex"), a_int(args, 2, "length")
        if start < 0 or length < 0 or start + length > len(chars):
            raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the size "
                                              "of the collection. (Parameter 'startIndex')")
        return chars[start:start + length]
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "".join(C.to_string(x) for x in v)
    if isinstance(v, str) and len(v) == 1:
        return str.__str__(v)
    raise ArgConversionError(v, "value", "System.Char[]", "Cannot convert.")


_string_ctor.definitions = ("string new(char[] value)", "string new(char c, int count)",
                            "string new(char[] value, int startIndex, int length)")

_STRING_METHODS = [
    NetMethod("Join", ("string Join(char separator, Params string[] value)",
                       "string Join(char separator, Params System.Object[] values)",
                       "string Join(char separator, string[] value, int startIndex, int count)",
                       "string Join(string separator, Params string[] value)",
                       "string Join(string separator, Params System.Object[] values)",
                       "string Join(string separator, System.Collections.Generic.IEnumerable[string] values)",
                       "string Join(string separator, string[] value, int startIndex, int count)"), _s_join),
    NetMethod("Format", ("string Format(string format, System.Object arg0)",
                         "string Format(string format, System.Object arg0, System.Object arg1)",
                         "string Format(string format, System.Object arg0, System.Object arg1, System.Object arg2)",
                         "string Format(string format, Params System.Object[] args)",
                         "string Format(System.IFormatProvider provider, string format, Params System.Object[] args)"),
              _s_format),
    NetMethod("IsNullOrEmpty", ("bool IsNullOrEmpty(string value)",),
              lambda t, a: a[0] is None or (a_str(a, 0) == "")),
    NetMethod("IsNullOrWhiteSpace", ("bool IsNullOrWhiteSpace(string value)",),
              lambda t, a: a[0] is None or (a_str(a, 0).strip() == "")),
    NetMethod("Concat", ("string Concat(System.Object arg0)", "string Concat(System.Object arg0, System.Object arg1)",
                         "string Concat(Params System.Object[] args)", "string Concat(Params string[] values)"),
              _s_concat),
    NetMethod("Compare", ("int Compare(string strA, string strB)",
                          "int Compare(string strA, string strB, bool ignoreCase)",
                          "int Compare(string strA, string strB, System.StringComparison comparisonType)",
                          "int Compare(string strA, int indexA, string strB, int indexB, int length)",
                          "int Compare(string strA, int indexA, string strB, int indexB, int length, "
                          "System.StringComparison comparisonType)"), _s_compare),
    NetMethod("CompareOrdinal", ("int CompareOrdinal(string strA, string strB)",),
              lambda t, a: str_compare(a_str(a, 0), a_str(a, 1), "Ordinal")),
    NetMethod("Equals", ("bool Equals(System.Object objA, System.Object objB)", "bool Equals(string a, string b)",
                         "bool Equals(string a, string b, System.StringComparison comparisonType)"), _s_equals),
    NetMethod("Copy", ("string Copy(string str)",), lambda t, a: a_str(a, 0, "str")),
]


def _char_arg(args, i=0, param="c") -> str:
    return a_char(args, i, param)


def _char_test(pred):
    def run(t, args):
        if len(args) == 2:
            s = a_str(args, 0, "s")
            idx = a_int(args, 1, "index")
            if s is None:
                raise ArgumentNullException("Value cannot be null. (Parameter 's')")
            if not 0 <= idx < len(s):
                raise ArgumentOutOfRangeException("Index was out of range. Must be non-negative and less than the "
                                                  "size of the collection. (Parameter 'index')")
            return pred(s[idx])
        return pred(_char_arg(args))
    return run


def _ucat(c: str) -> str:
    import unicodedata
    return unicodedata.category(c)


def _is_ws(c: str) -> bool:
    return c.isspace() or c in "\x85\xa0"


_UNICODE_CATEGORY_NAMES = {
    "Lu": "UppercaseLetter", "Ll": "LowercaseLetter", "Lt": "TitlecaseLetter", "Lm": "ModifierLetter",
    "Lo": "OtherLetter", "Mn": "NonSpacingMark", "Mc": "SpacingCombiningMark", "Me": "EnclosingMark",
    "Nd": "DecimalDigitNumber", "Nl": "LetterNumber", "No": "OtherNumber", "Zs": "SpaceSeparator",
    "Zl": "LineSeparator", "Zp": "ParagraphSeparator", "Cc": "Control", "Cf": "Format", "Cs": "Surrogate",
    "Co": "PrivateUse", "Pc": "ConnectorPunctuation", "Pd": "DashPunctuation", "Ps": "OpenPunctuation",
    "Pe": "ClosePunctuation", "Pi": "InitialQuotePunctuation", "Pf": "FinalQuotePunctuation",
    "Po": "OtherPunctuation", "Sm": "MathSymbol", "Sc": "CurrencySymbol", "Sk": "ModifierSymbol", "So": "OtherSymbol",
    "Cn": "OtherNotAssigned"}


def _char_numeric(c: str) -> float:
    import unicodedata
    try:
        return float(unicodedata.numeric(c))
    except (TypeError, ValueError):
        return -1.0


def _char_parse(t, args):
    s = a_str(args, 0, "s")
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    if len(s) != 1:
        raise FormatException("String must be exactly one character long.")
    return PSChar(s)


def _char_try_parse(t, args):
    s = a_str(args, 0, "s")
    ok = s is not None and len(s) == 1
    _set_ref(args[1], PSChar(s) if ok else PSChar("\0"))
    return ok


def _from_utf32(t, args):
    n = a_int(args, 0, "utf32")
    if not 0 <= n <= 0x10FFFF or 0xD800 <= n <= 0xDFFF:
        raise ArgumentOutOfRangeException("A valid UTF32 value is between 0x000000 and 0x10ffff, inclusive, and "
                                          "should not include surrogate codepoint values (0x00d800 ~ 0x00dfff). "
                                          "(Parameter 'utf32')")
    return chr(n)


def _to_utf32(t, args):
    if len(args) == 2 and isinstance(unwrap(args[1]), str) and isinstance(unwrap(args[0]), str) and len(
            unwrap(args[0])) == 1 and len(unwrap(args[1])) == 1 and not is_integer(unwrap(args[1])):
        hi, lo = ord(unwrap(args[0])), ord(unwrap(args[1]))
        return ((hi - 0xD800) << 10) + (lo - 0xDC00) + 0x10000
    s = a_str(args, 0, "s")
    idx = a_int(args, 1, "index")
    return ord(s[idx])


def _char_statics() -> tuple[dict, list]:
    methods = [
        NetMethod("IsDigit", ("bool IsDigit(char c)", "bool IsDigit(string s, int index)"),
                  _char_test(lambda c: _ucat(c) == "Nd")),
        NetMethod("IsLetter", ("bool IsLetter(char c)", "bool IsLetter(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("L"))),
        NetMethod("IsLetterOrDigit", ("bool IsLetterOrDigit(char c)", "bool IsLetterOrDigit(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("L") or _ucat(c) == "Nd")),
        NetMethod("IsUpper", ("bool IsUpper(char c)", "bool IsUpper(string s, int index)"),
                  _char_test(lambda c: _ucat(c) == "Lu")),
        NetMethod("IsLower", ("bool IsLower(char c)", "bool IsLower(string s, int index)"),
                  _char_test(lambda c: _ucat(c) == "Ll")),
        NetMethod("IsWhiteSpace", ("bool IsWhiteSpace(char c)", "bool IsWhiteSpace(string s, int index)"),
                  _char_test(_is_ws)),
        NetMethod("IsPunctuation", ("bool IsPunctuation(char c)", "bool IsPunctuation(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("P"))),
        NetMethod("IsSymbol", ("bool IsSymbol(char c)", "bool IsSymbol(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("S"))),
        NetMethod("IsControl", ("bool IsControl(char c)", "bool IsControl(string s, int index)"),
                  _char_test(lambda c: _ucat(c) == "Cc")),
        NetMethod("IsNumber", ("bool IsNumber(char c)", "bool IsNumber(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("N"))),
        NetMethod("IsSeparator", ("bool IsSeparator(char c)", "bool IsSeparator(string s, int index)"),
                  _char_test(lambda c: _ucat(c).startswith("Z"))),
        NetMethod("IsSurrogate", ("bool IsSurrogate(char c)", "bool IsSurrogate(string s, int index)"),
                  _char_test(lambda c: 0xD800 <= ord(c) <= 0xDFFF)),
        NetMethod("IsHighSurrogate", ("bool IsHighSurrogate(char c)",), _char_test(lambda c: 0xD800 <= ord(c) <= 0xDBFF)),
        NetMethod("IsLowSurrogate", ("bool IsLowSurrogate(char c)",), _char_test(lambda c: 0xDC00 <= ord(c) <= 0xDFFF)),
        NetMethod("IsAscii", ("bool IsAscii(char c)",), _char_test(lambda c: ord(c) < 128)),
        NetMethod("IsAsciiDigit", ("bool IsAsciiDigit(char c)",), _char_test(lambda c: "0" <= c <= "9")),
        NetMethod("IsAsciiLetter", ("bool IsAsciiLetter(char c)",),
                  _char_test(lambda c: "a" <= c <= "z" or "A" <= c <= "Z")),
        NetMethod("IsAsciiLetterOrDigit", ("bool IsAsciiLetterOrDigit(char c)",),
                  _char_test(lambda c: c.isascii() and c.isalnum())),
        NetMethod("IsAsciiLetterUpper", ("bool IsAsciiLetterUpper(char c)",), _char_test(lambda c: "A" <= c <= "Z")),
        NetMethod("IsAsciiLetterLower", ("bool IsAsciiLetterLower(char c)",), _char_test(lambda c: "a" <= c <= "z")),
        NetMethod("IsAsciiHexDigit", ("bool IsAsciiHexDigit(char c)",),
                  _char_test(lambda c: c in "0123456789abcdefABCDEF")),
        NetMethod("ToUpper", ("char ToUpper(char c)", "char ToUpper(char c, cultureinfo culture)"),
                  lambda t, a: PSChar(_char_arg(a).upper()[0])),
        NetMethod("ToLower", ("char ToLower(char c)", "char ToLower(char c, cultureinfo culture)"),
                  lambda t, a: PSChar(_char_arg(a).lower()[0])),
        NetMethod("ToUpperInvariant", ("char ToUpperInvariant(char c)",), lambda t, a: PSChar(_char_arg(a).upper()[0])),
        NetMethod("ToLowerInvariant", ("char ToLowerInvariant(char c)",), lambda t, a: PSChar(_char_arg(a).lower()[0])),
        NetMethod("ToString", ("string ToString(char c)",), lambda t, a: _char_arg(a)),
        NetMethod("ConvertFromUtf32", ("string ConvertFromUtf32(int utf32)",), _from_utf32),
        NetMethod("ConvertToUtf32", ("int ConvertToUtf32(char highSurrogate, char lowSurrogate)",
                                     "int ConvertToUtf32(string s, int index)"), _to_utf32),
        NetMethod("GetNumericValue", ("double GetNumericValue(char c)", "double GetNumericValue(string s, int index)"),
                  _char_test(_char_numeric)),
        NetMethod("GetUnicodeCategory", ("System.Globalization.UnicodeCategory GetUnicodeCategory(char c)",),
                  _char_test(lambda c: _enum_value("System.Globalization.UnicodeCategory",
                                                   _UNICODE_CATEGORY_NAMES.get(_ucat(c), "OtherNotAssigned")))),
        NetMethod("Parse", ("char Parse(string s)",), _char_parse),
        NetMethod("TryParse", ("bool TryParse(string s, [ref] char result)",), _char_try_parse),
        NetMethod("Equals", ("bool Equals(System.Object objA, System.Object objB)",), lambda t, a: _static_equals(a)),
    ]
    return {"MinValue": PSChar("\0"), "MaxValue": PSChar("\uffff")}, methods


# ----------------------------------------------------------------------------------------------
# [datetime], [timespan], [guid]

DT_MIN = datetime.datetime(1, 1, 1)
DT_MAX = datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)


def _kind_name(v: Any) -> str:
    v = unwrap(v)
    if isinstance(v, EnumValue):
        return str(v)
    if is_integer(v):
        return ("Unspecified", "Utc", "Local")[int(v)]
    return str(resolve_type("System.DateTimeKind").convert(v))


def with_kind(dt: datetime.datetime, kind: str) -> datetime.datetime:
    if kind == "Utc":
        return dt.replace(tzinfo=datetime.timezone.utc)
    return dt.replace(tzinfo=None)


def _dt_ctor(args):
    n = len(args)
    if n == 1:
        ticks = a_long(args, 0, "ticks")
        if not 0 <= ticks <= 3155378975999999999:
            raise ArgumentOutOfRangeException("Ticks must be between DateTime.MinValue.Ticks and "
                                              "DateTime.MaxValue.Ticks. (Parameter 'ticks')")
        return DT_MIN + datetime.timedelta(microseconds=ticks // 10)
    if n == 2:
        ticks = a_long(args, 0, "ticks")
        return with_kind(DT_MIN + datetime.timedelta(microseconds=ticks // 10), _kind_name(args[1]))
    kind = None
    last = unwrap(args[-1])
    if n in (7, 8) and (isinstance(last, EnumValue) or (isinstance(last, str) and not last.strip().isdigit())):
        kind = _kind_name(last)
        args = args[:-1]
        n -= 1
    names = ("year", "month", "day", "hour", "minute", "second", "millisecond", "microsecond")
    nums = [a_int(args, i, names[i]) for i in range(n)]
    y, mo, d = nums[0], nums[1], nums[2]
    try:
        datetime.date(y, mo, d)
    except (ValueError, OverflowError):
        raise ArgumentOutOfRangeException("Year, Month, and Day parameters describe an un-representable DateTime.")
    if n == 3:
        dt = datetime.datetime(y, mo, d)
    else:
        h, mi, s = nums[3], nums[4], nums[5]
        if not (0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 60):
            raise ArgumentOutOfRangeException("Hour, Minute, and Second parameters describe an un-representable "
                                              "DateTime.")
        ms = nums[6] if n > 6 else 0
        us = nums[7] if n > 7 else 0
        if not 0 <= ms < 1000:
            raise ArgumentOutOfRangeException("Valid values are between 0 and 999, inclusive. "
                                              "(Parameter 'millisecond')")
        dt = datetime.datetime(y, mo, d, h, mi, s, ms * 1000 + us)
    return with_kind(dt, kind) if kind else dt


_dt_ctor.definitions = ("datetime new(long ticks)", "datetime new(long ticks, System.DateTimeKind kind)",
                        "datetime new(int year, int month, int day)",
                        "datetime new(int year, int month, int day, int hour, int minute, int second)",
                        "datetime new(int year, int month, int day, int hour, int minute, int second, "
                        "System.DateTimeKind kind)",
                        "datetime new(int year, int month, int day, int hour, int minute, int second, "
                        "int millisecond)",
                        "datetime new(int year, int month, int day, int hour, int minute, int second, "
                        "int millisecond, System.DateTimeKind kind)",
                        "datetime new(int year, int month, int day, int hour, int minute, int second, "
                        "int millisecond, int microsecond)")


def parse_datetime_culture(s: str, culture=None) -> Optional[datetime.datetime]:
    """DateTime.Parse with a culture: day-first cultures read `15.01.2024` / `15/01/2024` day first."""
    import re
    if culture is not None and culture.short_date.lower().startswith("d"):
        m = re.match(r"^\s*(\d{1,2})[./\-](\d{1,2})[./\-](\d{2,4})(.*)$", s)
        if m:
            swapped = f"{m.group(2)}/{m.group(1)}/{m.group(3)}{m.group(4)}"
            dt = C.parse_datetime(swapped)
            if dt is not None:
                return dt
    return C.parse_datetime(s)


def _dt_parse(t, args):
    s = a_str(args, 0, "s")
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    culture = _culture_arg(args[1]) if len(args) > 1 else None
    from pslark.runtime.culture import current_culture
    dt = parse_datetime_culture(s, culture or current_culture())
    if dt is None:
        raise FormatException(f"String '{s}' was not recognized as a valid DateTime.")
    return dt


def _dt_try_parse(t, args):
    try:
        v = _dt_parse(t, args[:-1] if len(args) <= 2 else args[:2])
        ok = True
    except PSException:
        v, ok = DT_MIN, False
    _set_ref(args[-1], v)
    return ok


def _exact_regex(fmt: str, culture) -> tuple[str, list]:
    import re
    from pslark.runtime.dotnet_format import _standard_datetime_pattern
    if len(fmt) == 1:
        try:
            fmt = _standard_datetime_pattern(fmt, culture)
        except FormatException:
            raise FormatException("Input string was not in a correct format.")
    out, groups = [], []
    i, n = 0, len(fmt)
    names = lambda seq: "(" + "|".join(re.escape(x) for x in sorted(seq, key=len, reverse=True)) + ")"
    while i < n:
        ch = fmt[i]
        j = i
        while j < n and fmt[j] == ch:
            j += 1
        count = j - i
        if ch in "'\"":
            k = fmt.find(ch, i + 1)
            if k < 0:
                raise FormatException("Cannot find a matching quote character for the character '''.")
            out.append(re.escape(fmt[i + 1:k]))
            i = k + 1
            continue
        if ch == "\\" and i + 1 < n:
            out.append(re.escape(fmt[i + 1]))
            i += 2
            continue
        if ch == "%":
            i += 1
            continue
        tok = None
        if ch == "d":
            tok = (r"(\d{1,2})", "d") if count == 1 else (r"(\d{2})", "d") if count == 2 else \
                (names(culture.abbrev_days), "ddd") if count == 3 else (names(culture.days), "dddd")
        elif ch == "M":
            tok = (r"(\d{1,2})", "M") if count == 1 else (r"(\d{2})", "M") if count == 2 else \
                (names(culture.abbrev_months), "MMM") if count == 3 else (names(culture.months), "MMMM")
        elif ch == "y":
            tok = (r"(\d{1,2})", "yy") if count <= 2 else (r"(\d{%d,4})" % count, "yyyy")
        elif ch in "Hh":
            tok = (r"(\d{1,2})" if count == 1 else r"(\d{2})", ch)
        elif ch == "m":
            tok = (r"(\d{1,2})" if count == 1 else r"(\d{2})", "m")
        elif ch == "s":
            tok = (r"(\d{1,2})" if count == 1 else r"(\d{2})", "s")
        elif ch == "f":
            tok = (r"(\d{%d})" % count, "f")
        elif ch == "F":
            tok = (r"(\d{0,%d})" % count, "f")
        elif ch == "t":
            tok = ("(" + re.escape(culture.am[:count] if count == 1 else culture.am) + "|" +
                   re.escape(culture.pm[:count] if count == 1 else culture.pm) + ")", "t")
        elif ch == "z":
            tok = (r"([+-]\d{1,2}(?::?\d{2})?)", "z")
        elif ch == "K":
            tok = (r"(Z|[+-]\d{2}:\d{2}|)", "z")
        elif ch == ":":
            out.append(re.escape(culture.time_sep) * count)
        elif ch == "/":
            out.append(re.escape(culture.date_sep) * count)
        else:
            out.append(re.escape(fmt[i:j]))
        if tok is not None:
            out.append(tok[0])
            groups.append(tok[1])
        i = j
    return "".join(out), groups


def parse_exact(s: str, fmt: str, culture) -> Optional[datetime.datetime]:
    import re
    pattern, groups = _exact_regex(fmt, culture)
    m = re.fullmatch(pattern, s, re.IGNORECASE)
    if m is None:
        return None
    today = datetime.date.today()
    y, mo, d, h, mi, sec, us = today.year, 1, 1, 0, 0, 0, 0
    has_date = False
    ampm, tz = None, None
    for kind, val in zip(groups, m.groups()):
        if kind == "d":
            d, has_date = int(val), True
        elif kind == "M":
            mo, has_date = int(val), True
        elif kind == "MMM":
            mo = [x.casefold() for x in culture.abbrev_months].index(val.casefold()) + 1
            has_date = True
        elif kind == "MMMM":
            mo = [x.casefold() for x in culture.months].index(val.casefold()) + 1
            has_date = True
        elif kind == "yy":
            y = int(val) + (2000 if int(val) < 50 else 1900)
            has_date = True
        elif kind == "yyyy":
            y, has_date = int(val), True
        elif kind in ("H", "h"):
            h = int(val)
        elif kind == "m":
            mi = int(val)
        elif kind == "s":
            sec = int(val)
        elif kind == "f":
            us = int((val + "000000")[:6]) if val else 0
        elif kind == "t":
            ampm = val
        elif kind == "z":
            tz = val
    if not has_date:
        y, mo, d = today.year, today.month, today.day
    if ampm is not None:
        if ampm.casefold().startswith(culture.pm[:1].casefold()) and h < 12:
            h += 12
        elif ampm.casefold().startswith(culture.am[:1].casefold()) and h == 12:
            h = 0
    try:
        dt = datetime.datetime(y, mo, d, h, mi, sec, us)
    except ValueError:
        return None
    if tz:
        if tz.upper() == "Z":
            off = datetime.timedelta(0)
        else:
            sign = 1 if tz[0] == "+" else -1
            digits = tz[1:].replace(":", "")
            off = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        try:
            dt = dt.replace(tzinfo=datetime.timezone(off)).astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):
            pass
    return dt


def _dt_parse_exact(t, args):
    s = a_str(args, 0, "s")
    fmts = unwrap(args[1])
    culture = _culture_arg(args[2]) if len(args) > 2 and args[2] is not None else None
    from pslark.runtime.culture import current_culture
    c = culture or current_culture()
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 's')")
    for f in (fmts if isinstance(fmts, (list, tuple)) else [fmts]):
        dt = parse_exact(s.strip() if len(args) > 3 else s, C.to_string(f), c)
        if dt is not None:
            return dt
    raise FormatException(f"String '{s}' was not recognized as a valid DateTime.")


def _dt_try_parse_exact(t, args):
    try:
        v, ok = _dt_parse_exact(t, args[:-1]), True
    except PSException:
        v, ok = DT_MIN, False
    _set_ref(args[-1], v)
    return ok


def _days_in_month(t, args):
    y, m = a_int(args, 0, "year"), a_int(args, 1, "month")
    if not 1 <= m <= 12:
        raise ArgumentOutOfRangeException("Month must be between one and twelve. (Parameter 'month')")
    if not 1 <= y <= 9999:
        raise ArgumentOutOfRangeException("Year must be between 1 and 9999. (Parameter 'year')")
    import calendar
    return calendar.monthrange(y, m)[1]


def _is_leap(t, args):
    y = a_int(args, 0, "year")
    if not 1 <= y <= 9999:
        raise ArgumentOutOfRangeException("Year must be between 1 and 9999. (Parameter 'year')")
    import calendar
    return calendar.isleap(y)


_FILETIME_EPOCH = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)


def _from_file_time(utc: bool):
    def run(t, args):
        ft = a_long(args, 0, "fileTime")
        if ft < 0:
            raise ArgumentOutOfRangeException("Not a valid Win32 FileTime. (Parameter 'fileTime')")
        dt = _FILETIME_EPOCH + datetime.timedelta(microseconds=ft // 10)
        if utc:
            return dt
        try:
            return dt.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError, OSError):
            return dt.replace(tzinfo=None)
    return run


def _from_oadate(t, args):
    d = _dbl(args[0], "d")
    return datetime.datetime(1899, 12, 30) + datetime.timedelta(days=d)


def _specify_kind(t, args):
    dt = unwrap(args[0])
    if not isinstance(dt, datetime.datetime):
        dt = C.to_datetime(dt)
    return with_kind(dt, _kind_name(args[1]))


def _dt_compare(t, args):
    a, b = C.to_datetime(unwrap(args[0])), C.to_datetime(unwrap(args[1]))
    return C.compare(a, b)


def now_local() -> datetime.datetime:
    return datetime.datetime.now()


_DATETIME_METHODS = [
    NetMethod("Parse", ("datetime Parse(string s)", "datetime Parse(string s, System.IFormatProvider provider)",
                        "datetime Parse(string s, System.IFormatProvider provider, System.Globalization.DateTimeStyles "
                        "styles)"), _dt_parse),
    NetMethod("TryParse", ("bool TryParse(string s, [ref] datetime result)",
                           "bool TryParse(string s, System.IFormatProvider provider, "
                           "System.Globalization.DateTimeStyles styles, [ref] datetime result)"), _dt_try_parse),
    NetMethod("ParseExact", ("datetime ParseExact(string s, string format, System.IFormatProvider provider)",
                             "datetime ParseExact(string s, string format, System.IFormatProvider provider, "
                             "System.Globalization.DateTimeStyles style)",
                             "datetime ParseExact(string s, string[] formats, System.IFormatProvider provider, "
                             "System.Globalization.DateTimeStyles style)"), _dt_parse_exact),
    NetMethod("TryParseExact", ("bool TryParseExact(string s, string format, System.IFormatProvider provider, "
                                "System.Globalization.DateTimeStyles style, [ref] datetime result)",), _dt_try_parse_exact),
    NetMethod("DaysInMonth", ("int DaysInMonth(int year, int month)",), _days_in_month),
    NetMethod("IsLeapYear", ("bool IsLeapYear(int year)",), _is_leap),
    NetMethod("FromFileTime", ("datetime FromFileTime(long fileTime)",), _from_file_time(False)),
    NetMethod("FromFileTimeUtc", ("datetime FromFileTimeUtc(long fileTime)",), _from_file_time(True)),
    NetMethod("FromOADate", ("datetime FromOADate(double d)",), _from_oadate),
    NetMethod("SpecifyKind", ("datetime SpecifyKind(datetime value, System.DateTimeKind kind)",), _specify_kind),
    NetMethod("Compare", ("int Compare(datetime t1, datetime t2)",), _dt_compare),
    NetMethod("Equals", ("bool Equals(datetime t1, datetime t2)",),
              lambda t, a: _dt_compare(t, a) == 0),
]
_DATETIME_STATICS = {
    "Now": now_local, "Today": lambda: datetime.datetime.combine(datetime.date.today(), datetime.time()),
    "UtcNow": lambda: datetime.datetime.now(datetime.timezone.utc), "MinValue": DT_MIN, "MaxValue": DT_MAX,
    "UnixEpoch": datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc),
}


def ticks_to_timespan(ticks: int) -> datetime.timedelta:
    try:
        return datetime.timedelta(microseconds=int(ticks / 10) if ticks < 0 else ticks // 10)
    except OverflowError:
        raise OverflowException("TimeSpan overflowed because the duration is too long.")


def _ts_from(scale: int, param: str):
    def run(t, args):
        v = unwrap(args[0])
        if len(args) > 1:
            # .NET 9-style integer overloads are not in .NET 8; treat extra parts as lower units
            raise overload_count_error(t.name if isinstance(t, PSType) else "From", len(args))
        d = _dbl(v, param)
        if math.isnan(d):
            raise ArgumentException("TimeSpan does not accept floating point Not-a-Number values.")
        ticks = d * scale
        if ticks > INT64_MAX or ticks < INT64_MIN:
            raise OverflowException("TimeSpan overflowed because the duration is too long.")
        return ticks_to_timespan(int(ticks))
    return run


def _ts_ctor(args):
    n = len(args)
    if n == 1:
        return ticks_to_timespan(a_long(args, 0, "ticks"))
    names = ("days", "hours", "minutes", "seconds", "milliseconds", "microseconds")
    if n == 3:
        h, m, s = (a_int(args, i, names[i + 1]) for i in range(3))
        total = (h * 3600 + m * 60 + s) * 10_000_000
    else:
        nums = [a_int(args, i, names[i]) for i in range(n)]
        d, h, m, s = nums[:4]
        ms = nums[4] if n > 4 else 0
        us = nums[5] if n > 5 else 0
        total = ((d * 86400 + h * 3600 + m * 60 + s) * 1000 + ms) * 10_000 + us * 10
    if not INT64_MIN <= total <= INT64_MAX:
        raise ArgumentOutOfRangeException("TimeSpan overflowed because the duration is too long.")
    return ticks_to_timespan(total)


_ts_ctor.definitions = ("timespan new(long ticks)", "timespan new(int hours, int minutes, int seconds)",
                        "timespan new(int days, int hours, int minutes, int seconds)",
                        "timespan new(int days, int hours, int minutes, int seconds, int milliseconds)",
                        "timespan new(int days, int hours, int minutes, int seconds, int milliseconds, "
                        "int microseconds)")


def _ts_parse(t, args):
    s = a_str(args, 0, "input")
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    td = C.parse_timespan(s)
    if td is None:
        raise FormatException(f"String '{s}' was not recognized as a valid TimeSpan.")
    return td


def _ts_try_parse(t, args):
    try:
        v, ok = _ts_parse(t, args[:1]), True
    except PSException:
        v, ok = datetime.timedelta(0), False
    _set_ref(args[-1], v)
    return ok


_TIMESPAN_METHODS = [
    NetMethod("FromDays", ("timespan FromDays(double value)",), _ts_from(864_000_000_000, "value")),
    NetMethod("FromHours", ("timespan FromHours(double value)",), _ts_from(36_000_000_000, "value")),
    NetMethod("FromMinutes", ("timespan FromMinutes(double value)",), _ts_from(600_000_000, "value")),
    NetMethod("FromSeconds", ("timespan FromSeconds(double value)",), _ts_from(10_000_000, "value")),
    NetMethod("FromMilliseconds", ("timespan FromMilliseconds(double value)",), _ts_from(10_000, "value")),
    NetMethod("FromMicroseconds", ("timespan FromMicroseconds(double value)",), _ts_from(10, "value")),
    NetMethod("FromTicks", ("timespan FromTicks(long value)",), lambda t, a: ticks_to_timespan(a_long(a, 0, "value"))),
    NetMethod("Parse", ("timespan Parse(string s)", "timespan Parse(string input, System.IFormatProvider "
                        "formatProvider)"), _ts_parse),
    NetMethod("TryParse", ("bool TryParse(string s, [ref] timespan result)",), _ts_try_parse),
    NetMethod("Compare", ("int Compare(timespan t1, timespan t2)",),
              lambda t, a: C.compare(C.to_timespan(unwrap(a[0])), C.to_timespan(unwrap(a[1])))),
    NetMethod("Equals", ("bool Equals(timespan t1, timespan t2)",),
              lambda t, a: C.to_timespan(unwrap(a[0])) == C.to_timespan(unwrap(a[1]))),
]
_TIMESPAN_STATICS = {
    "Zero": datetime.timedelta(0), "MaxValue": datetime.timedelta(microseconds=922337203685477580),
    "MinValue": -datetime.timedelta(microseconds=922337203685477580),
    "TicksPerDay": Int64(864_000_000_000), "TicksPerHour": Int64(36_000_000_000),
    "TicksPerMinute": Int64(600_000_000), "TicksPerSecond": Int64(10_000_000), "TicksPerMillisecond": Int64(10_000),
    "TicksPerMicrosecond": Int64(10), "NanosecondsPerTick": Int64(100),
}


def _guid_parse(s: Optional[str]) -> uuid.UUID:
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    try:
        return C.to_guid(s)
    except PSInvalidCastException:
        raise FormatException(f"Unrecognized Guid format.")


def _guid_try_parse(t, args):
    try:
        v, ok = _guid_parse(a_str(args, 0, "input")), True
    except PSException:
        v, ok = uuid.UUID(int=0), False
    _set_ref(args[-1], v)
    return ok


def _guid_ctor(args):
    v = unwrap(args[0]) if args else None
    if not args:
        return uuid.UUID(int=0)
    if isinstance(v, str):
        return _guid_parse(v)
    if isinstance(v, list):
        data = to_bytes(v, "b")
        if len(data) != 16:
            raise ArgumentException("Byte array for Guid must be exactly 16 bytes long. (Parameter 'b')")
        return uuid.UUID(bytes_le=data)
    raise ArgConversionError(v, "g", "System.String", "Cannot convert.")


_guid_ctor.definitions = ("guid new(byte[] b)", "guid new(string g)")

_GUID_METHODS = [
    NetMethod("NewGuid", ("guid NewGuid()",), lambda t, a: uuid.uuid4()),
    NetMethod("Parse", ("guid Parse(string input)",), lambda t, a: _guid_parse(a_str(a, 0, "input"))),
    NetMethod("TryParse", ("bool TryParse(string input, [ref] guid result)",), _guid_try_parse),
    NetMethod("ParseExact", ("guid ParseExact(string input, string format)",),
              lambda t, a: _guid_parse(a_str(a, 0, "input"))),
    NetMethod("CreateVersion7", ("guid CreateVersion7()",), lambda t, a: uuid.uuid4()),
]


# ----------------------------------------------------------------------------------------------
# [regex]

def regex_options(v: Any) -> int:
    from pslark.runtime.operators import REGEX_OPTIONS
    v = unwrap(v)
    if v is None:
        return 0
    if isinstance(v, EnumValue) or is_integer(v):
        return int(v)
    total = 0
    items = v if isinstance(v, (list, tuple)) else C.to_string(v).split(",")
    for part in items:
        p = C.to_string(part).strip().casefold()
        if not p:
            continue
        if p not in REGEX_OPTIONS:
            raise ArgConversionError(v, "options", "System.Text.RegularExpressions.RegexOptions",
                                     f'Cannot convert value "{_text(v)}" to type "System.Text.RegularExpressions.'
                                     f'RegexOptions". Error: "Unable to match the identifier name {part.strip()} to '
                                     'a valid enumerator name. Specify one of the following enumerator names and try '
                                     'again:\nNone, IgnoreCase, Multiline, ExplicitCapture, Compiled, Singleline, '
                                     'IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant, '
                                     'NonBacktracking"')
        total |= REGEX_OPTIONS[p]
    return total


def make_regex(pattern: Any, options: int = 0):
    from pslark.runtime.operators import _compile_cached
    if pattern is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'pattern')")
    return _compile_cached(C.to_string(pattern), options)


class MatchCollection(list):
    __slots__ = ()
    type_name = "System.Text.RegularExpressions.MatchCollection"
    type_names = ["System.Text.RegularExpressions.MatchCollection", "System.Object"]


def regex_match(rx, text: str, start: int = 0, length: Optional[int] = None):
    from pslark.runtime.operators import RegexMatch
    if text is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    if not 0 <= start <= len(text):
        raise ArgumentOutOfRangeException("Specified argument was out of the range of valid values. "
                                          "(Parameter 'startat')")
    if length is not None:
        m = rx.py.search(text, start, start + length)
    else:
        m = rx.search(text, start)
    return RegexMatch(rx, m, text)


def regex_matches(rx, text: str, start: int = 0) -> MatchCollection:
    from pslark.runtime.operators import RegexMatch
    if text is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    return MatchCollection(RegexMatch(rx, m, text) for m in rx.finditer(text, start))


def regex_replace_any(rx, text: str, replacement: Any, count: int = -1, start: int = 0) -> str:
    from pslark.runtime.operators import RegexMatch, regex_replace
    from pslark.runtime.scriptblock import ScriptBlock
    if text is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    repl = unwrap(replacement)
    if isinstance(repl, ScriptBlock):
        out, last, n = [], 0, 0
        for m in rx.finditer(text, start):
            if 0 <= count <= n:
                break
            out.append(text[last:m.start()])
            out.append(C.to_string(delegate_call(repl, [RegexMatch(rx, m, text)])))
            last = m.end()
            n += 1
        out.append(text[last:])
        return "".join(out)
    if start:
        return text[:start] + regex_replace(rx, text[start:], "" if repl is None else repl, count)
    return regex_replace(rx, text, "" if repl is None else repl, count)


def regex_split(rx, text: str, count: int = 0, start: int = 0) -> TypedArray:
    from pslark.runtime.operators import _regex_split
    if text is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'input')")
    if start:
        parts = _regex_split(rx, text[start:], count)
        parts[0] = text[:start] + parts[0]
    else:
        parts = _regex_split(rx, text, count)
    return string_array(parts)


def regex_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\*+?|{[()^$.#":
            out.append("\\" + ch)
        elif ch == " ":
            out.append("\\ ")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\f":
            out.append("\\f")
        else:
            out.append(ch)
    return "".join(out)


def regex_unescape(s: str) -> str:
    import re
    simple = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}

    def rep(m):
        g = m.group(1)
        if g[0] in simple:
            return simple[g[0]]
        if g[0] == "x":
            return chr(int(g[1:3], 16))
        if g[0] == "u":
            return chr(int(g[1:5], 16))
        if g[0] == "0":
            return "\0"
        return g
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", rep, s)


def _rx_static(fn):
    def run(t, args):
        text = a_str(args, 0, "input")
        pattern = a_str(args, 1, "pattern")
        return fn(text, pattern, args[2:])
    return run


def _rx_opts(rest, idx=0) -> int:
    return regex_options(rest[idx]) if len(rest) > idx else 0


_REGEX_METHODS = [
    NetMethod("Match", ("System.Text.RegularExpressions.Match Match(string input, string pattern)",
                        "System.Text.RegularExpressions.Match Match(string input, string pattern, "
                        "System.Text.RegularExpressions.RegexOptions options)",
                        "System.Text.RegularExpressions.Match Match(string input, string pattern, "
                        "System.Text.RegularExpressions.RegexOptions options, timespan matchTimeout)"),
              _rx_static(lambda s, p, r: regex_match(make_regex(p, _rx_opts(r)), s))),
    NetMethod("Matches", ("System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern)",
                          "System.Text.RegularExpressions.MatchCollection Matches(string input, string pattern, "
                          "System.Text.RegularExpressions.RegexOptions options)"),
              _rx_static(lambda s, p, r: regex_matches(make_regex(p, _rx_opts(r)), s))),
    NetMethod("IsMatch", ("bool IsMatch(string input, string pattern)",
                          "bool IsMatch(string input, string pattern, System.Text.RegularExpressions.RegexOptions "
                          "options)"),
              _rx_static(lambda s, p, r: make_regex(p, _rx_opts(r)).search(_need_input(s)) is not None)),
    NetMethod("Replace", ("string Replace(string input, string pattern, string replacement)",
                          "string Replace(string input, string pattern, string replacement, "
                          "System.Text.RegularExpressions.RegexOptions options)",
                          "string Replace(string input, string pattern, System.Text.RegularExpressions.MatchEvaluator "
                          "evaluator)",
                          "string Replace(string input, string pattern, System.Text.RegularExpressions.MatchEvaluator "
                          "evaluator, System.Text.RegularExpressions.RegexOptions options)"),
              lambda t, a: regex_replace_any(make_regex(a_str(a, 1, "pattern"), _rx_opts(a, 3)), a_str(a, 0, "input"),
                                             a[2])),
    NetMethod("Split", ("string[] Split(string input, string pattern)",
                        "string[] Split(string input, string pattern, System.Text.RegularExpressions.RegexOptions "
                        "options)"),
              _rx_static(lambda s, p, r: regex_split(make_regex(p, _rx_opts(r)), s))),
    NetMethod("Escape", ("string Escape(string str)",), lambda t, a: regex_escape(_need_input(a_str(a, 0, "str"),
                                                                                             "str"))),
    NetMethod("Unescape", ("string Unescape(string str)",), lambda t, a: regex_unescape(_need_input(a_str(a, 0, "str"),
                                                                                                 "str"))),
    NetMethod("Count", ("int Count(string input, string pattern)",),
              _rx_static(lambda s, p, r: len(list(make_regex(p, _rx_opts(r)).finditer(_need_input(s)))))),
]


def _need_input(s, param="input"):
    if s is None:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    return s


def _regex_ctor(args):
    if not args:
        raise overload_count_error("new", 0)
    return make_regex(a_str(args, 0, "pattern"), regex_options(args[1]) if len(args) > 1 else 0)


_regex_ctor.definitions = ("regex new(string pattern)",
                           "regex new(string pattern, System.Text.RegularExpressions.RegexOptions options)",
                           "regex new(string pattern, System.Text.RegularExpressions.RegexOptions options, "
                           "timespan matchTimeout)")


def _regex_convert(value: Any) -> Any:
    from pslark.runtime.operators import DotNetRegex
    value = unwrap(value)
    if value is None or isinstance(value, DotNetRegex):
        return value
    text = C.to_string(value)
    try:
        return make_regex(text, 0)
    except PSException as e:
        raise C.cast_error(value, "System.Text.RegularExpressions.Regex", e.message)


def regex_instance_methods() -> dict:
    """Methods of a [regex] object (operators.DotNetRegex)."""
    global _REGEX_INSTANCE
    if _REGEX_INSTANCE is None:
        def opt_int(a, i, name):
            return a_int(a, i, name) if len(a) > i else 0
        _REGEX_INSTANCE = _methods(
            NetMethod("Match", ("System.Text.RegularExpressions.Match Match(string input)",
                                "System.Text.RegularExpressions.Match Match(string input, int startat)",
                                "System.Text.RegularExpressions.Match Match(string input, int beginning, int length)"),
                      lambda rx, a: regex_match(rx, a_str(a, 0, "input"), opt_int(a, 1, "startat"),
                                                a_int(a, 2, "length") if len(a) > 2 else None)),
            NetMethod("Matches", ("System.Text.RegularExpressions.MatchCollection Matches(string input)",
                                  "System.Text.RegularExpressions.MatchCollection Matches(string input, int startat)"),
                      lambda rx, a: regex_matches(rx, a_str(a, 0, "input"), opt_int(a, 1, "startat"))),
            NetMethod("IsMatch", ("bool IsMatch(string input)", "bool IsMatch(string input, int startat)"),
                      lambda rx, a: rx.search(_need_input(a_str(a, 0, "input")), opt_int(a, 1, "startat"))
                      is not None),
            NetMethod("Replace", ("string Replace(string input, string replacement)",
                                  "string Replace(string input, string replacement, int count)",
                                  "string Replace(string input, string replacement, int count, int startat)",
                                  "string Replace(string input, System.Text.RegularExpressions.MatchEvaluator "
                                  "evaluator)",
                                  "string Replace(string input, System.Text.RegularExpressions.MatchEvaluator "
                                  "evaluator, int count)"),
                      lambda rx, a: regex_replace_any(rx, a_str(a, 0, "input"), a[1],
                                                      a_int(a, 2, "count") if len(a) > 2 else -1,
                                                      opt_int(a, 3, "startat"))),
            NetMethod("Split", ("string[] Split(string input)", "string[] Split(string input, int count)",
                                "string[] Split(string input, int count, int startat)"),
                      lambda rx, a: regex_split(rx, a_str(a, 0, "input"), opt_int(a, 1, "count"),
                                                opt_int(a, 2, "startat"))),
            NetMethod("GetGroupNames", ("string[] GetGroupNames()",), lambda rx, a: string_array(rx.group_names())),
            NetMethod("GetGroupNumbers", ("int[] GetGroupNumbers()",),
                      lambda rx, a: TypedArray(sorted(n for n, _, _ in rx.net_numbers), resolve_type("int"))),
            NetMethod("GroupNameFromNumber", ("string GroupNameFromNumber(int i)",),
                      lambda rx, a: next((nm if nm is not None else str(n) for n, _, nm in rx.net_numbers
                                          if n == a_int(a, 0, "i")), "")),
            NetMethod("GroupNumberFromName", ("int GroupNumberFromName(string name)",),
                      lambda rx, a: next((n for n, _, nm in rx.net_numbers if (nm or str(n)) == a_str(a, 0, "name")),
                                         -1)),
            NetMethod("Count", ("int Count(string input)",), lambda rx, a: len(list(rx.finditer(a_str(a, 0))))),
            NetMethod("ToString", ("string ToString()",), lambda rx, a: rx.pattern),
            NetMethod("GetHashCode", ("int GetHashCode()",), lambda rx, a: id(rx) & 0x7FFFFFFF),
            NetMethod("Equals", ("bool Equals(System.Object obj)",), lambda rx, a: unwrap(a[0]) is rx),
        )
    return _REGEX_INSTANCE


_REGEX_INSTANCE: Optional[dict] = None


def regex_property(rx, key: str) -> tuple[bool, Any]:
    if key == "options":
        t = resolve_type("System.Text.RegularExpressions.RegexOptions")
        return True, t.value_of(rx.options)
    if key == "matchtimeout":
        return True, datetime.timedelta(milliseconds=-1)
    if key == "righttoleft":
        return True, rx.right_to_left
    return False, None


# ----------------------------------------------------------------------------------------------
# [System.IO.Path], [System.IO.File], [System.IO.Directory]

def _path_arg(args, i, param="path", allow_null=True) -> Optional[str]:
    v = a_str(args, i, param)
    if v is None and not allow_null:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    return v


def _path_items(args) -> list:
    if len(args) == 1 and isinstance(unwrap(args[0]), (list, tuple)):
        return list(unwrap(args[0]))
    return list(args)


def path_combine(parts: list) -> str:
    out = ""
    for p in parts:
        if p is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'paths')")
        p = C.to_string(p)
        if not p:
            continue
        if p.startswith("/"):
            out = p
        elif not out or out.endswith("/"):
            out += p
        else:
            out += "/" + p
    return out


def path_join(parts: list) -> str:
    out = ""
    for p in parts:
        p = "" if p is None else C.to_string(p)
        if not p:
            continue
        if not out:
            out = p
        elif out.endswith("/") or p.startswith("/"):
            out += p
        else:
            out += "/" + p
    return out


def path_file_name(p: Optional[str]) -> Optional[str]:
    if p is None:
        return None
    return p.rsplit("/", 1)[-1]


def path_extension(p: Optional[str]) -> Optional[str]:
    if p is None:
        return None
    name = path_file_name(p)
    i = name.rfind(".")
    if i < 0 or i == len(name) - 1:
        return ""
    return name[i:]


def path_without_extension(p: Optional[str]) -> Optional[str]:
    if p is None:
        return None
    name = path_file_name(p)
    i = name.rfind(".")
    return name if i < 0 else name[:i]


def path_directory_name(p: Optional[str]) -> Optional[str]:
    if p is None:
        return None
    if p == "" or p.strip("/") == "" and p.startswith("/"):
        return None
    i = p.rfind("/")
    if i < 0:
        return ""
    head = p[:i]
    head = head.rstrip("/") if head.strip("/") else head
    return head if head else "/"


def path_change_extension(p: Optional[str], ext: Optional[str]) -> Optional[str]:
    if p is None:
        return None
    name = path_file_name(p)
    i = name.rfind(".")
    base = p if i < 0 else p[:len(p) - len(name) + i]
    if ext is None:
        return base
    if ext and not ext.startswith("."):
        ext = "." + ext
    return base + (ext if ext else ".")


def _temp_path() -> str:
    t = os.environ.get("TMPDIR") or "/tmp/"
    return t if t.endswith("/") else t + "/"


def _temp_file_name(t, args):
    import tempfile
    fd, path = tempfile.mkstemp(prefix="tmp", suffix=".tmp", dir=_temp_path())
    os.close(fd)
    return path


def _random_file_name(t, args):
    import secrets
    alphabet = "abcdefghijklmnopqrstuvwxyz012345"
    chars = "".join(alphabet[b % 32] for b in secrets.token_bytes(11))
    return chars[:8] + "." + chars[8:]


def full_path(p: Optional[str], base: Optional[str] = None) -> str:
    if p is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'path')")
    if p == "":
        raise ArgumentException("The value cannot be an empty string. (Parameter 'path')")
    if "\0" in p:
        raise ArgumentException("Null character in path. (Parameter 'path')")
    if base is not None and not p.startswith("/"):
        p = base.rstrip("/") + "/" + p
    trailing = p.endswith("/") and len(p) > 1
    out = os.path.normpath(os.path.join(os.getcwd(), p))
    if out.startswith("//"):
        out = "/" + out.lstrip("/")
    return out + ("/" if trailing and out != "/" else "")


def _relative_path(t, args):
    rel_to = full_path(_path_arg(args, 0, "relativeTo", False))
    path = full_path(_path_arg(args, 1, "path", False))
    return os.path.relpath(path, rel_to)


_PATH_METHODS = [
    NetMethod("Combine", ("string Combine(string path1, string path2)",
                          "string Combine(string path1, string path2, string path3)",
                          "string Combine(string path1, string path2, string path3, string path4)",
                          "string Combine(Params string[] paths)"), lambda t, a: path_combine(_path_items(a))),
    NetMethod("Join", ("string Join(string path1, string path2)", "string Join(string path1, string path2, "
                       "string path3)", "string Join(Params string[] paths)"), lambda t, a: path_join(_path_items(a))),
    NetMethod("GetFileName", ("string GetFileName(string path)",), lambda t, a: path_file_name(_path_arg(a, 0))),
    NetMethod("GetExtension", ("string GetExtension(string path)",), lambda t, a: path_extension(_path_arg(a, 0))),
    NetMethod("GetFileNameWithoutExtension", ("string GetFileNameWithoutExtension(string path)",),
              lambda t, a: path_without_extension(_path_arg(a, 0))),
    NetMethod("GetDirectoryName", ("string GetDirectoryName(string path)",),
              lambda t, a: path_directory_name(_path_arg(a, 0))),
    NetMethod("GetTempPath", ("string GetTempPath()",), lambda t, a: _temp_path()),
    NetMethod("GetTempFileName", ("string GetTempFileName()",), _temp_file_name),
    NetMethod("GetRandomFileName", ("string GetRandomFileName()",), _random_file_name),
    NetMethod("IsPathRooted", ("bool IsPathRooted(string path)",),
              lambda t, a: (_path_arg(a, 0) or "").startswith("/")),
    NetMethod("IsPathFullyQualified", ("bool IsPathFullyQualified(string path)",),
              lambda t, a: (_path_arg(a, 0, "path", False)).startswith("/")),
    NetMethod("GetFullPath", ("string GetFullPath(string path)", "string GetFullPath(string path, string basePath)"),
              lambda t, a: full_path(_path_arg(a, 0, "path", False), _path_arg(a, 1, "basePath") if len(a) > 1
                                     else None)),
    NetMethod("ChangeExtension", ("string ChangeExtension(string path, string extension)",),
              lambda t, a: path_change_extension(_path_arg(a, 0), _path_arg(a, 1, "extension"))),
    NetMethod("HasExtension", ("bool HasExtension(string path)",),
              lambda t, a: bool(path_extension(_path_arg(a, 0) or ""))),
    NetMethod("GetInvalidFileNameChars", ("char[] GetInvalidFileNameChars()",), lambda t, a: char_array("\0/")),
    NetMethod("GetInvalidPathChars", ("char[] GetInvalidPathChars()",), lambda t, a: char_array("\0")),
    NetMethod("GetPathRoot", ("string GetPathRoot(string path)",),
              lambda t, a: None if _path_arg(a, 0) is None else ("/" if _path_arg(a, 0).startswith("/") else "")),
    NetMethod("GetRelativePath", ("string GetRelativePath(string relativeTo, string path)",), _relative_path),
    NetMethod("EndsInDirectorySeparator", ("bool EndsInDirectorySeparator(string path)",),
              lambda t, a: (_path_arg(a, 0) or "").endswith("/")),
    NetMethod("TrimEndingDirectorySeparator", ("string TrimEndingDirectorySeparator(string path)",),
              lambda t, a: (lambda p: p.rstrip("/") or "/" if p and p != "/" else p)(_path_arg(a, 0))),
    NetMethod("Exists", ("bool Exists(string path)",),
              lambda t, a: _path_arg(a, 0) is not None and _path_arg(a, 0) != "" and
              os.path.exists(full_path(_path_arg(a, 0)))),
]
_PATH_STATICS = {"DirectorySeparatorChar": PSChar("/"), "AltDirectorySeparatorChar": PSChar("/"),
                 "PathSeparator": PSChar(":"), "VolumeSeparatorChar": PSChar("/"),
                 "InvalidPathChars": lambda: char_array("\0")}


def _io_path(args, i=0, param="path") -> str:
    p = a_str(args, i, param)
    if p is None:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    if p == "":
        raise ArgumentException(f"The value cannot be an empty string. (Parameter '{param}')")
    return full_path(p)


def _io_error(e: OSError, path: str) -> PSException:
    import errno
    if e.errno == errno.ENOENT:
        parent = os.path.dirname(path)
        if parent and not os.path.isdir(parent):
            return E.DirectoryNotFoundException(f"Could not find a part of the path '{path}'.")
        return E.FileNotFoundException(f"Could not find file '{path}'.")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EISDIR):
        return E.UnauthorizedAccessException(f"Access to the path '{path}' is denied.")
    if e.errno == errno.ENOTDIR:
        return E.DirectoryNotFoundException(f"Could not find a part of the path '{path}'.")
    if e.errno == errno.EEXIST:
        return E.IOException(f"The file '{path}' already exists.")
    return E.IOException(e.strerror or str(e))


def _encoding_arg(args, i) -> Optional[TextEncoding]:
    if len(args) > i:
        return _encoding_convert(args[i])
    return None


def read_text(path: str, enc: Optional[TextEncoding] = None) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise _io_error(e, path)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff",
                                                                                        "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if enc is not None:
        return enc.decode(data)
    return data.decode("utf-8", errors="replace")


def write_text(path: str, text: str, enc: Optional[TextEncoding] = None, append: bool = False) -> None:
    enc = enc or _encoding("utf8nobom")
    data = enc.encode(text)
    try:
        exists = os.path.exists(path)
        with open(path, "ab" if append else "wb") as f:
            if enc.bom and (not append or not exists or os.path.getsize(path) == 0):
                f.write(enc.preamble())
            f.write(data)
    except OSError as e:
        raise _io_error(e, path)


def _lines_of(v: Any) -> list:
    v = unwrap(v)
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'contents')")
    items = _enum_items(v) if not isinstance(v, str) else [v]
    return ["" if x is None else C.to_string(x) for x in items]


def _split_lines(text: str) -> list:
    if text == "":
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _file_delete(t, a):
    p = _io_path(a)
    try:
        if os.path.isdir(p):
            raise E.UnauthorizedAccessException(f"Access to the path '{p}' is denied.")
        os.remove(p)
    except FileNotFoundError:
        parent = os.path.dirname(p)
        if parent and not os.path.isdir(parent):
            raise E.DirectoryNotFoundException(f"Could not find a part of the path '{p}'.")
    except OSError as e:
        raise _io_error(e, p)


def _file_copy(t, a):
    import shutil
    src, dst = _io_path(a, 0, "sourceFileName"), _io_path(a, 1, "destFileName")
    overwrite = C.to_bool(a[2]) if len(a) > 2 else False
    if not os.path.isfile(src):
        raise _io_error(FileNotFoundError(2, "No such file", src), src)
    if os.path.exists(dst) and not overwrite:
        raise E.IOException(f"The file '{dst}' already exists.")
    try:
        shutil.copyfile(src, dst)
    except OSError as e:
        raise _io_error(e, dst)


def _file_move(t, a):
    src, dst = _io_path(a, 0, "sourceFileName"), _io_path(a, 1, "destFileName")
    overwrite = C.to_bool(a[2]) if len(a) > 2 else False
    if not os.path.isfile(src):
        raise E.FileNotFoundException(f"Could not find file '{src}'.")
    if os.path.exists(dst) and not overwrite:
        raise E.IOException(f"Cannot create a file when that file already exists.")
    try:
        os.replace(src, dst)
    except OSError as e:
        raise _io_error(e, dst)


def _file_times(which: str, utc: bool = False):
    def run(t, a):
        p = _io_path(a)
        try:
            st = os.stat(p)
        except OSError:
            base = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc)
            return base if utc else base.astimezone().replace(tzinfo=None)
        ts = {"write": st.st_mtime, "access": st.st_atime, "create": getattr(st, "st_birthtime", st.st_mtime)}[which]
        if utc:
            return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
        return datetime.datetime.fromtimestamp(ts)
    return run


_FILE_METHODS = [
    NetMethod("Exists", ("bool Exists(string path)",),
              lambda t, a: a[0] is not None and a_str(a, 0) != "" and os.path.isfile(full_path(a_str(a, 0)))),
    NetMethod("ReadAllText", ("string ReadAllText(string path)",
                              "string ReadAllText(string path, System.Text.Encoding encoding)"),
              lambda t, a: read_text(_io_path(a), _encoding_arg(a, 1))),
    NetMethod("ReadAllLines", ("string[] ReadAllLines(string path)",
                               "string[] ReadAllLines(string path, System.Text.Encoding encoding)"),
              lambda t, a: string_array(_split_lines(read_text(_io_path(a), _encoding_arg(a, 1))))),
    NetMethod("ReadLines", ("System.Collections.Generic.IEnumerable[string] ReadLines(string path)",),
              lambda t, a: _split_lines(read_text(_io_path(a), _encoding_arg(a, 1)))),
    NetMethod("ReadAllBytes", ("byte[] ReadAllBytes(string path)",), lambda t, a: _read_bytes(_io_path(a))),
    NetMethod("WriteAllText", ("void WriteAllText(string path, string contents)",
                               "void WriteAllText(string path, string contents, System.Text.Encoding encoding)"),
              lambda t, a: write_text(_io_path(a), _sb_value_text(a[1]), _encoding_arg(a, 2))),
    NetMethod("WriteAllLines", ("void WriteAllLines(string path, string[] contents)",
                                "void WriteAllLines(string path, string[] contents, System.Text.Encoding encoding)"),
              lambda t, a: write_text(_io_path(a), "".join(x + "\n" for x in _lines_of(a[1])), _encoding_arg(a, 2))),
    NetMethod("WriteAllBytes", ("void WriteAllBytes(string path, byte[] bytes)",), lambda t, a: _write_bytes(
        _io_path(a), to_bytes(a[1]))),
    NetMethod("AppendAllText", ("void AppendAllText(string path, string contents)",
                                "void AppendAllText(string path, string contents, System.Text.Encoding encoding)"),
              lambda t, a: write_text(_io_path(a), _sb_value_text(a[1]), _encoding_arg(a, 2), append=True)),
    NetMethod("AppendAllLines", ("void AppendAllLines(string path, System.Collections.Generic.IEnumerable[string] "
                                 "contents)",),
              lambda t, a: write_text(_io_path(a), "".join(x + "\n" for x in _lines_of(a[1])), _encoding_arg(a, 2),
                                      append=True)),
    NetMethod("Delete", ("void Delete(string path)",), _file_delete),
    NetMethod("Copy", ("void Copy(string sourceFileName, string destFileName)",
                       "void Copy(string sourceFileName, string destFileName, bool overwrite)"), _file_copy),
    NetMethod("Move", ("void Move(string sourceFileName, string destFileName)",
                       "void Move(string sourceFileName, string destFileName, bool overwrite)"), _file_move),
    NetMethod("GetLastWriteTime", ("datetime GetLastWriteTime(string path)",), _file_times("write")),
    NetMethod("GetLastWriteTimeUtc", ("datetime GetLastWriteTimeUtc(string path)",), _file_times("write", True)),
    NetMethod("GetLastAccessTime", ("datetime GetLastAccessTime(string path)",), _file_times("access")),
    NetMethod("GetCreationTime", ("datetime GetCreationTime(string path)",), _file_times("create")),
]


def _read_bytes(p: str):
    try:
        with open(p, "rb") as f:
            return byte_array(f.read())
    except OSError as e:
        raise _io_error(e, p)


def _write_bytes(p: str, data: bytes):
    try:
        with open(p, "wb") as f:
            f.write(data)
    except OSError as e:
        raise _io_error(e, p)


def _net_pattern(pattern: str):
    import re
    out = []
    for ch in pattern:
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _dir_entries(want: str):
    def run(t, a):
        given = a_str(a, 0, "path")
        if given is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'path')")
        root = full_path(given)
        pattern = a_str(a, 1, "searchPattern") if len(a) > 1 else "*"
        recurse = False
        if len(a) > 2:
            opt = unwrap(a[2])
            recurse = (C.to_string(opt).casefold() == "alldirectories") or (is_integer(opt) and int(opt) == 1)
        if not os.path.isdir(root):
            raise E.DirectoryNotFoundException(f"Could not find a part of the path '{root}'.")
        rx = _net_pattern(pattern if pattern not in ("*.*",) else "*")
        out = []

        def walk(dir_full: str, dir_given: str):
            try:
                names = sorted(os.listdir(dir_full))
            except OSError:
                return
            for n in names:
                full = os.path.join(dir_full, n)
                shown = path_combine([dir_given, n])
                is_dir = os.path.isdir(full)
                if rx.match(n) and (want == "all" or (want == "dirs") == is_dir):
                    out.append(shown)
                if recurse and is_dir and not os.path.islink(full):
                    walk(full, shown)
        walk(root, given)
        return string_array(out)
    return run


def _dir_create(t, a):
    p = _io_path(a)
    try:
        os.makedirs(p, exist_ok=True)
    except FileExistsError:
        raise E.IOException(f"The file '{p}' already exists.")
    except OSError as e:
        raise _io_error(e, p)
    return _directory_info(p)


def _directory_info(p: str):
    try:
        from pslark.runtime.fsobjects import DirectoryInfo
        return DirectoryInfo(p)
    except ImportError:
        return p


def _file_info(p: str):
    try:
        from pslark.runtime.fsobjects import FileInfo
        return FileInfo(p)
    except ImportError:
        return p


def _keep_original_path(info: Any, args: list) -> Any:
    """`[IO.FileInfo]::new('abc')`: .NET's ToString() gives the path as written (OriginalPath), not the full one."""
    if not isinstance(info, str):
        info.original_path = a_str(args, 0)
    return info


def _dir_delete(t, a):
    import shutil
    p = _io_path(a)
    recursive = C.to_bool(a[1]) if len(a) > 1 else False
    if not os.path.isdir(p):
        raise E.DirectoryNotFoundException(f"Could not find a part of the path '{p}'.")
    try:
        if recursive:
            shutil.rmtree(p)
        else:
            os.rmdir(p)
    except OSError as e:
        import errno
        if e.errno == errno.ENOTEMPTY:
            raise E.IOException(f"Directory not empty : '{p}'")
        raise _io_error(e, p)


def _dir_move(t, a):
    src, dst = _io_path(a, 0, "sourceDirName"), _io_path(a, 1, "destDirName")
    if not os.path.exists(src):
        raise E.DirectoryNotFoundException(f"Could not find a part of the path '{src}'.")
    if os.path.exists(dst):
        raise E.IOException(f"Cannot create '{dst}' because a file or directory with the same name already exists.")
    os.rename(src, dst)


_DIRECTORY_METHODS = [
    NetMethod("Exists", ("bool Exists(string path)",),
              lambda t, a: a[0] is not None and a_str(a, 0) != "" and os.path.isdir(full_path(a_str(a, 0)))),
    NetMethod("GetFiles", ("string[] GetFiles(string path)", "string[] GetFiles(string path, string searchPattern)",
                           "string[] GetFiles(string path, string searchPattern, System.IO.SearchOption "
                           "searchOption)"), _dir_entries("files")),
    NetMethod("GetDirectories", ("string[] GetDirectories(string path)",
                                 "string[] GetDirectories(string path, string searchPattern)",
                                 "string[] GetDirectories(string path, string searchPattern, System.IO.SearchOption "
                                 "searchOption)"), _dir_entries("dirs")),
    NetMethod("GetFileSystemEntries", ("string[] GetFileSystemEntries(string path)",
                                       "string[] GetFileSystemEntries(string path, string searchPattern)",
                                       "string[] GetFileSystemEntries(string path, string searchPattern, "
                                       "System.IO.SearchOption searchOption)"), _dir_entries("all")),
    NetMethod("EnumerateFiles", ("System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path)",
                                 "System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path, string "
                                 "searchPattern)",
                                 "System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path, string "
                                 "searchPattern, System.IO.SearchOption searchOption)"), _dir_entries("files")),
    NetMethod("EnumerateDirectories", ("System.Collections.Generic.IEnumerable[string] EnumerateDirectories(string "
                                       "path)",
                                       "System.Collections.Generic.IEnumerable[string] EnumerateDirectories(string "
                                       "path, string searchPattern)",
                                       "System.Collections.Generic.IEnumerable[string] EnumerateDirectories(string "
                                       "path, string searchPattern, System.IO.SearchOption searchOption)"),
              _dir_entries("dirs")),
    NetMethod("CreateDirectory", ("System.IO.DirectoryInfo CreateDirectory(string path)",), _dir_create),
    NetMethod("Delete", ("void Delete(string path)", "void Delete(string path, bool recursive)"), _dir_delete),
    NetMethod("Move", ("void Move(string sourceDirName, string destDirName)",), _dir_move),
    NetMethod("GetCurrentDirectory", ("string GetCurrentDirectory()",), lambda t, a: os.getcwd()),
    NetMethod("GetParent", ("System.IO.DirectoryInfo GetParent(string path)",),
              lambda t, a: (lambda d: _directory_info(d) if d else None)(path_directory_name(_io_path(a)))),
    NetMethod("GetLastWriteTime", ("datetime GetLastWriteTime(string path)",), _file_times("write")),
    NetMethod("GetDirectoryRoot", ("string GetDirectoryRoot(string path)",), lambda t, a: "/"),
]


# ----------------------------------------------------------------------------------------------
# [Environment], [Console]

def _machine_name() -> str:
    import socket
    return socket.gethostname().split(".")[0]


def _user_name() -> str:
    try:
        import pwd
        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class OperatingSystemInfo(NetObject):
    __slots__ = ()
    type_names = ["System.OperatingSystem", "System.Object"]
    ps_properties = ("Platform", "ServicePack", "Version", "VersionString")

    def version(self) -> Version:
        import re
        try:
            release = os.uname().release
        except AttributeError:
            release = "0.0"
        nums = [int(x) for x in re.findall(r"\d+", release)[:4]]
        while len(nums) < 2:
            nums.append(0)
        return Version(*nums)

    def ps_to_string(self):
        return f"Unix {self.version()}"

    _getters = {"platform": lambda s: _enum_value("System.PlatformID", "Unix"), "servicepack": lambda s: "",
                "version": lambda s: s.version(), "versionstring": lambda s: s.ps_to_string()}


def _special_folder(name: str, verify: bool = True) -> str:
    home = os.path.expanduser("~")
    n = name.casefold()
    xdg = os.environ.get
    table = {
        "userprofile": home, "personal": xdg("XDG_DOCUMENTS_DIR") or os.path.join(home, "Documents"),
        "mydocuments": xdg("XDG_DOCUMENTS_DIR") or os.path.join(home, "Documents"),
        "applicationdata": xdg("XDG_CONFIG_HOME") or os.path.join(home, ".config"),
        "localapplicationdata": xdg("XDG_DATA_HOME") or os.path.join(home, ".local", "share"),
        "commonapplicationdata": "/usr/share", "desktop": os.path.join(home, "Desktop"),
        "desktopdirectory": os.path.join(home, "Desktop"), "mymusic": os.path.join(home, "Music"),
        "mypictures": os.path.join(home, "Pictures"), "myvideos": os.path.join(home, "Videos"),
        "templates": os.path.join(home, "Templates"), "fonts": os.path.join(home, ".fonts"),
        "commontemplates": "/usr/share/templates",
    }
    path = table.get(n, "")
    if path and verify and not os.path.isdir(path):
        return ""
    return path


def _get_folder_path(t, a):
    v = unwrap(a[0])
    name = str(v) if isinstance(v, EnumValue) else C.to_string(v)
    verify = not (len(a) > 1 and "donotverify" in C.to_string(a[1]).casefold())
    return _special_folder(name, verify)


def _env_target(a, i) -> str:
    if len(a) > i:
        v = unwrap(a[i])
        return (str(v) if isinstance(v, EnumValue) else C.to_string(v)).casefold()
    return "process"


def _get_env(t, a):
    name = a_str(a, 0, "variable")
    if name is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'variable')")
    if _env_target(a, 1) != "process":
        return None
    return os.environ.get(name)


def _set_env(t, a):
    name = a_str(a, 0, "variable")
    if name is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'variable')")
    if name == "":
        raise ArgumentException("String cannot be of zero length. (Parameter 'variable')")
    if "=" in name or "\0" in name:
        raise ArgumentException("Environment variable name cannot contain equal character. (Parameter 'variable')")
    if _env_target(a, 2) != "process":
        return None
    value = a_str(a, 1, "value")
    if value is None or value == "":
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    return None


def _get_envs(t, a):
    if _env_target(a, 0) != "process":
        return Hashtable()
    h = Hashtable()
    for k, v in os.environ.items():
        h._data[k] = (k, v)
    return h


def _expand_env(t, a):
    import re
    s = a_str(a, 0, "name")
    if s is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'name')")
    return re.sub(r"%([^%]+)%", lambda m: os.environ.get(m.group(1), m.group(0)), s)


def _exit(t, a):
    raise E.ExitSignal(a_int(a, 0, "exitCode"))


def _tick_count() -> int:
    import time
    ms = int(time.monotonic() * 1000)
    return (ms + 2**31) % 2**32 - 2**31


_ENVIRONMENT_METHODS = [
    NetMethod("GetEnvironmentVariable", ("string GetEnvironmentVariable(string variable)",
                                         "string GetEnvironmentVariable(string variable, "
                                         "System.EnvironmentVariableTarget target)"), _get_env),
    NetMethod("SetEnvironmentVariable", ("void SetEnvironmentVariable(string variable, string value)",
                                         "void SetEnvironmentVariable(string variable, string value, "
                                         "System.EnvironmentVariableTarget target)"), _set_env),
    NetMethod("GetEnvironmentVariables", ("System.Collections.IDictionary GetEnvironmentVariables()",
                                          "System.Collections.IDictionary GetEnvironmentVariables("
                                          "System.EnvironmentVariableTarget target)"), _get_envs),
    NetMethod("ExpandEnvironmentVariables", ("string ExpandEnvironmentVariables(string name)",), _expand_env),
    NetMethod("GetFolderPath", ("string GetFolderPath(System.Environment+SpecialFolder folder)",
                                "string GetFolderPath(System.Environment+SpecialFolder folder, "
                                "System.Environment+SpecialFolderOption option)"), _get_folder_path),
    NetMethod("Exit", ("void Exit(int exitCode)",), _exit),
    NetMethod("GetCommandLineArgs", ("string[] GetCommandLineArgs()",),
              lambda t, a: string_array(__import__("sys").argv)),
    NetMethod("GetLogicalDrives", ("string[] GetLogicalDrives()",), lambda t, a: string_array(["/"])),
    NetMethod("FailFast", ("void FailFast(string message)",), lambda t, a: _exit(t, [1])),
]
_ENVIRONMENT_STATICS = {
    "NewLine": "\n", "MachineName": _machine_name, "UserName": _user_name, "ProcessorCount": _cpu_count,
    "OSVersion": lambda: OperatingSystemInfo(), "Version": lambda: Version(8, 0, 10),
    "CurrentDirectory": os.getcwd, "Is64BitProcess": lambda: __import__("sys").maxsize > 2**32,
    "Is64BitOperatingSystem": lambda: __import__("sys").maxsize > 2**32, "TickCount": _tick_count,
    "TickCount64": lambda: Int64(int(__import__("time").monotonic() * 1000)), "ProcessId": os.getpid,
    "ProcessPath": lambda: __import__("sys").executable,
    "CommandLine": lambda: " ".join(__import__("sys").argv),
    "StackTrace": lambda: "   at System.Environment.get_StackTrace()",
    "SystemDirectory": "", "UserDomainName": _machine_name, "UserInteractive": True, "HasShutdownStarted": False,
    "CurrentManagedThreadId": managed_thread_id, "SystemPageSize": 4096,
    "WorkingSet": lambda: Int64(_rss()), "IsPrivilegedProcess": lambda: os.geteuid() == 0 if hasattr(os, "geteuid")
    else False, "ExitCode": 0,
}


def _rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096
    except (OSError, ValueError, IndexError):
        return 0


_CONSOLE_STATE = {"foregroundcolor": -1, "backgroundcolor": -1, "title": "", "cursorvisible": True,
                  "treatcontrolcasinput": False}


def _console_text(args) -> str:
    if not args:
        return ""
    if len(args) >= 2 and isinstance(unwrap(args[0]), str):
        from pslark.runtime.dotnet_format import composite_format
        rest = args[1:]
        if len(rest) == 1 and isinstance(unwrap(rest[0]), (list, tuple)):
            rest = list(unwrap(rest[0]))
        return composite_format(unwrap(args[0]), rest)
    return _sb_value_text(args[0])


def _console_write(stream: str, newline: bool):
    def run(t, a):
        import sys
        out = sys.stdout if stream == "out" else sys.stderr
        out.write(_console_text(a) + ("\n" if newline else ""))
        out.flush()
    return run


def _term_size():
    import shutil
    return shutil.get_terminal_size((80, 24))


class ConsoleWriter(NetObject):
    __slots__ = ("stream",)
    type_names = ["System.IO.TextWriter", "System.MarshalByRefObject", "System.Object"]
    ps_properties = ("Encoding", "FormatProvider", "NewLine")

    def __init__(self, stream: str):
        self.stream = stream

    _getters = {"encoding": lambda s: _encoding("utf8nobom"), "formatprovider": lambda s: None,
                "newline": lambda s: "\n"}


ConsoleWriter.net_methods = _methods(
    NetMethod("WriteLine", ("void WriteLine()", "void WriteLine(System.Object value)",
                            "void WriteLine(string format, Params System.Object[] arg)"),
              lambda s, a: _console_write(s.stream, True)(None, a)),
    NetMethod("Write", ("void Write(System.Object value)", "void Write(string format, Params System.Object[] arg)"),
              lambda s, a: _console_write(s.stream, False)(None, a)),
    NetMethod("Flush", ("void Flush()",), lambda s, a: None),
)


def _console_read_line(t, a):
    import sys
    line = sys.stdin.readline()
    if line == "":
        return None
    return line.rstrip("\n").rstrip("\r")


_CONSOLE_METHODS = [
    NetMethod("WriteLine", ("void WriteLine()", "void WriteLine(System.Object value)", "void WriteLine(string value)",
                            "void WriteLine(string format, Params System.Object[] arg)"),
              _console_write("out", True)),
    NetMethod("Write", ("void Write(System.Object value)", "void Write(string value)",
                        "void Write(string format, Params System.Object[] arg)"), _console_write("out", False)),
    NetMethod("ReadLine", ("string ReadLine()",), _console_read_line),
    NetMethod("ResetColor", ("void ResetColor()",), lambda t, a: _CONSOLE_STATE.update(
        foregroundcolor=-1, backgroundcolor=-1)),
    NetMethod("Beep", ("void Beep()", "void Beep(int frequency, int duration)"), lambda t, a: None),
    NetMethod("Clear", ("void Clear()",), lambda t, a: None),
    NetMethod("SetCursorPosition", ("void SetCursorPosition(int left, int top)",), lambda t, a: None),
]


def _console_color_get(key):
    def run():
        v = _CONSOLE_STATE[key]
        return resolve_type("System.ConsoleColor").value_of(v)
    return run


def _console_color_set(key):
    def run(v):
        _CONSOLE_STATE[key] = int(resolve_type("System.ConsoleColor").convert(v))
    return run


_CONSOLE_STATICS = {
    "Out": lambda: ConsoleWriter("out"), "Error": lambda: ConsoleWriter("err"),
    "ForegroundColor": _console_color_get("foregroundcolor"), "BackgroundColor": _console_color_get("backgroundcolor"),
    "WindowWidth": lambda: _term_size().columns, "WindowHeight": lambda: _term_size().lines,
    "BufferWidth": lambda: _term_size().columns, "BufferHeight": lambda: _term_size().lines,
    "LargestWindowWidth": lambda: _term_size().columns, "LargestWindowHeight": lambda: _term_size().lines,
    "Title": lambda: _CONSOLE_STATE["title"], "CursorVisible": lambda: _CONSOLE_STATE["cursorvisible"],
    "CursorLeft": 0, "CursorTop": 0, "KeyAvailable": False,
    "IsOutputRedirected": lambda: not __import__("sys").stdout.isatty(),
    "IsErrorRedirected": lambda: not __import__("sys").stderr.isatty(),
    "IsInputRedirected": lambda: not __import__("sys").stdin.isatty(),
    "OutputEncoding": lambda: _encoding("utf8nobom"), "InputEncoding": lambda: _encoding("utf8nobom"),
    "TreatControlCAsInput": lambda: _CONSOLE_STATE["treatcontrolcasinput"],
    "CapsLock": False, "NumberLock": False,
}
_CONSOLE_SETTABLE = {
    "ForegroundColor": _console_color_set("foregroundcolor"), "BackgroundColor": _console_color_set("backgroundcolor"),
    "Title": lambda v: _CONSOLE_STATE.__setitem__("title", C.to_string(v)),
    "CursorVisible": lambda v: _CONSOLE_STATE.__setitem__("cursorvisible", C.to_bool(v)),
    "TreatControlCAsInput": lambda v: _CONSOLE_STATE.__setitem__("treatcontrolcasinput", C.to_bool(v)),
    "OutputEncoding": lambda v: None, "InputEncoding": lambda v: None,
}


# ----------------------------------------------------------------------------------------------
# [scriptblock], [psobject], [psnoteproperty] ...

def scriptblock_create(text: Any):
    """[scriptblock]::Create(text): parsed now, run later in the caller's scope (parse errors raised as is)."""
    from pslark.interpreter.parser import parse       # the one runtime -> interpreter import, lazily
    from pslark.runtime.scriptblock import ScriptBlock
    return ScriptBlock(parse("" if text is None else C.to_string(text)))


def _scriptblock_convert(value: Any) -> Any:
    from pslark.runtime.scriptblock import ScriptBlock
    value = unwrap(value)
    if value is None or isinstance(value, ScriptBlock):
        return value
    raise C.cast_error(value, "System.Management.Automation.ScriptBlock")


def _note_property_ctor(args):
    from pslark.runtime.objects import PSNoteProperty
    name = a_str(args, 0, "name")
    if not name:
        raise E.PSArgumentException("Cannot process argument because the value of argument \"name\" is not valid. "
                                    "Change the value of the \"name\" argument and run the operation again.")
    return PSNoteProperty(name, args[1] if len(args) > 1 else None)


_note_property_ctor.definitions = ("psnoteproperty new(string name, System.Object value)",)


def _script_property_ctor(args):
    from pslark.runtime.objects import PSNoteProperty
    from pslark.runtime.scriptblock import ScriptBlock
    name = a_str(args, 0, "name")
    getter_sb = unwrap(args[1]) if len(args) > 1 else None
    setter_sb = unwrap(args[2]) if len(args) > 2 else None
    getter = None
    setter = None
    if isinstance(getter_sb, ScriptBlock):
        def getter(obj, _sb=getter_sb):
            out = _sb.invoke_with(args=[], this=obj)
            return None if not out else (out[0] if len(out) == 1 else list(out))
    if isinstance(setter_sb, ScriptBlock):
        def setter(obj, value, _sb=setter_sb):
            _sb.invoke_with(args=[value], this=obj)
    prop = PSNoteProperty(name, None, getter=getter, setter=setter, member_type="ScriptProperty")
    prop.value = (getter_sb, setter_sb)
    return prop


_script_property_ctor.definitions = ("psscriptproperty new(string name, scriptblock getterScript)",
                                     "psscriptproperty new(string name, scriptblock getterScript, scriptblock "
                                     "setterScript)")


def _alias_property_ctor(args):
    from pslark.runtime.objects import PSNoteProperty
    from pslark.runtime import members
    name, target = a_str(args, 0, "name"), a_str(args, 1, "referencedMemberName")
    prop = PSNoteProperty(name, target, getter=lambda obj: members.get_member(obj, target),
                          setter=lambda obj, v: members.set_member(obj, target, v), member_type="AliasProperty")
    return prop


_alias_property_ctor.definitions = ("psaliasproperty new(string name, string referencedMemberName)",)


class DBNullValue(NetObject):
    __slots__ = ()
    type_names = ["System.DBNull", "System.Object"]
    null_like = True            # -eq $null and [bool] treat it as $null (pwsh 7's null representatives)

    def ps_to_string(self):
        return ""


DBNULL = DBNullValue()


def _hashtable_ctor(args):
    if args:
        first = unwrap(args[0])
        if isinstance(first, Hashtable):
            return Hashtable(first.items())
    return Hashtable()


_hashtable_ctor.definitions = ("hashtable new()", "hashtable new(int capacity)",
                               "hashtable new(System.Collections.IDictionary d)")


def _hashtable_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None:
        return None
    if type(value) is Hashtable:
        return value
    if isinstance(value, Hashtable):
        return Hashtable(value.items())
    if isinstance(value, PSObject):
        # pwsh tries Hashtable's constructors with the object, and that fails
        raise C.cast_error(value, "System.Collections.Hashtable", error_id="InvalidCastConstructorException")
    raise C.cast_error(value, "System.Collections.Hashtable")


def _ordered_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None:
        return None
    if isinstance(value, OrderedDictionary):
        return value
    if isinstance(value, Hashtable):
        return OrderedDictionary(value.items())
    raise C.cast_error(value, "System.Collections.Specialized.OrderedDictionary")


def _custom_object_convert(value: Any) -> Any:
    if value is None:
        return PSObject()
    base = unwrap(value)
    if isinstance(base, Hashtable):
        obj = PSObject()
        for k, v in base.items():
            key = C.to_string(k)
            if key.casefold() == "pstypename":          # `@{PSTypeName = 'My.Type'}` names the object's type
                obj.type_names.insert(0, C.to_string(v))
            else:
                obj.add_property(key, v)
        return obj
    return value


def _array_convert(value: Any) -> Any:
    if value is None:
        return None
    base = unwrap(value)
    if isinstance(base, list) and not isinstance(base, PSList):
        return base
    return enumerate_to_list(base)


def enumerate_to_list(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    enum = getattr(value, "ps_enumerate", None)
    if enum is not None:
        return list(enum())
    return [value]


def _object_array_convert(value: Any) -> Any:
    if value is None:
        return None
    base = unwrap(value)
    if type(base) is list:
        return base
    return enumerate_to_list(base)


def _string_convert(value: Any) -> Any:
    if value is None:
        return ""
    return C.to_string(value)


def _void_convert(value: Any) -> Any:
    return AUTOMATION_NULL


def _type_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None or isinstance(value, PSType):
        return value
    if isinstance(value, str):
        t = resolve_type(value)
        if t is None:
            raise C.cast_error(value, "System.Type", f"Unable to find type [{value}].")
        return t
    raise C.cast_error(value, "System.Type")


def _switch_convert(value: Any) -> SwitchParameter:
    value = unwrap(value)
    if isinstance(value, SwitchParameter):
        return value
    return SwitchParameter(C.to_bool(value))


def _ref_convert(value: Any) -> PSReference:
    if isinstance(value, PSReference):
        return value
    return PSReference(value)


def _datetime_convert(value: Any) -> Any:
    if value is None:
        raise C.cast_error(None, "System.DateTime")
    v = unwrap(value)
    if isinstance(v, DateTimeOffset):
        return datetime.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond)
    return C.to_datetime(v)


def _guid_convert(value: Any) -> Any:
    if value is None:
        raise C.cast_error(None, "System.Guid")
    return C.to_guid(unwrap(value))


def _timespan_convert(value: Any) -> Any:
    if value is None:
        raise C.cast_error(None, "System.TimeSpan")
    return C.to_timespan(unwrap(value))


def _ipaddress_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None or isinstance(value, IPAddress):
        return value
    if isinstance(value, str):
        try:
            return IPAddress.parse(value)
        except PSException as e:
            raise C.cast_error(value, "System.Net.IPAddress", e.message)
    raise C.cast_error(value, "System.Net.IPAddress")


def _semver_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None or isinstance(value, SemanticVersion):
        return value
    if isinstance(value, Version):
        return SemanticVersion(value.major, value.minor, max(value.build, 0))
    try:
        return SemanticVersion.parse(C.to_string(value))
    except PSException as e:
        raise C.cast_error(value, "System.Management.Automation.SemanticVersion", e.message)


def _secure_string_convert(value: Any) -> Any:
    value = unwrap(value)
    if value is None or isinstance(value, SecureString):
        return value
    raise C.cast_error(value, "System.Security.SecureString")


def _psobject_new(args):
    if args:
        return args[0]
    return PSObject()


# ==============================================================================================
# Arrays and generics

def default_value(t: Optional[PSType]) -> Any:
    """default(T): 0 / False / '\\0' / MinValue for value types, $null for reference types."""
    if t is None or not t.is_value_type:
        return None
    try:
        if t.is_enum:
            return t.value_of(0)
        fn = t.full_name
        if fn == "System.Boolean":
            return False
        if fn == "System.Char":
            return PSChar("\0")
        if fn == "System.DateTime":
            return DT_MIN
        if fn == "System.TimeSpan":
            return datetime.timedelta(0)
        if fn == "System.Guid":
            return uuid.UUID(int=0)
        if fn == "System.Management.Automation.SwitchParameter":
            return SwitchParameter(False)
        return t.convert(0)
    except PSException:
        return None


class ArrayType(PSType):
    def __init__(self, element: PSType, rank: int = 1):
        suffix = "[" + "," * (rank - 1) + "]"
        super().__init__(element.full_name + suffix, base="System.Array", name=element.name + suffix,
                         display=element.display + suffix, element_type=element, assembly=element.assembly)
        self.namespace = element.namespace
        self.rank = rank

    def is_instance(self, value: Any) -> bool:
        value = unwrap(value)
        if not isinstance(value, list) or isinstance(value, (PSList, KeyCollection, MatchCollection)):
            return False
        et = self.element_type
        if isinstance(value, TypedArray):
            vt = value.element_type
            if vt is None:
                return et.full_name == "System.Object"
            if vt.full_name == et.full_name:
                return True
            return not vt.is_value_type and et.full_name in vt.ancestors()
        return et.full_name == "System.Object"

    def convert(self, value: Any) -> Any:
        if value is None or value is AUTOMATION_NULL:
            return None
        base = unwrap(value)
        et = self.element_type
        if et.full_name == "System.Object":
            return _object_array_convert(base)
        if isinstance(base, TypedArray) and base.element_type is not None and \
                base.element_type.full_name == et.full_name:
            return base
        if isinstance(base, str) and et.full_name == "System.Char":
            items = [PSChar(c) for c in base]
        else:
            items = enumerate_to_list(base)
        return TypedArray([et.convert(x) for x in items], et)

    def new(self, args: list) -> Any:
        if len(args) != 1:
            raise overload_count_error("new", len(args))
        n = a_int(args, 0, "length")
        if n < 0:
            raise wrap_method_exception(".ctor", 1, E.OverflowException("Arithmetic operation resulted in an "
                                                                        "overflow."))
        dv = default_value(self.element_type)
        items = [dv] * n
        if self.element_type.full_name == "System.Object":
            return items
        return TypedArray(items, self.element_type)


def array_of(element: PSType, rank: int = 1) -> ArrayType:
    key = element.full_name.casefold() + "[" + "," * (rank - 1) + "]"
    with _LOCK:
        t = _RESOLVED.get(key)
        if t is None:
            t = ArrayType(element, rank)
            _RESOLVED[key] = t
    return t


def _list_ctor_for(t: PSType, et: Optional[PSType]):
    def ctor(args):
        items: list = []
        if args:
            first = unwrap(args[0])
            if isinstance(first, (list, tuple, Hashtable)) or getattr(first, "ps_enumerate", None) is not None:
                items = _enum_items(first)
            elif is_integer(first) or isinstance(first, (float, _Dec)) or (isinstance(first, str) and
                                                                          C.parse_number(first) is not None):
                n = a_int(args, 0, "capacity")
                if n < 0:
                    raise ArgumentOutOfRangeException("Non-negative number required. (Parameter 'capacity')")
            elif first is None:
                raise ArgumentNullException("Value cannot be null. (Parameter 'collection')")
            else:
                items = [first]
        lst = PSList((), t.full_name, et)
        conv = _elem_converter(et)
        lst.extend(conv(x) if conv is not None else x for x in items)
        return lst
    return ctor


def _list_convert_for(t: PSType, et: Optional[PSType]):
    ctor = _list_ctor_for(t, et)

    def convert(value):
        if value is None or value is AUTOMATION_NULL:
            return None
        base = unwrap(value)
        if isinstance(base, PSList) and base.type_name == t.full_name:
            return base
        items = enumerate_to_list(base) if not isinstance(base, str) else [base]
        return ctor([items])
    return convert


def _dict_ctor_for(t: PSType, kt: PSType, vt: PSType, kind: str):
    def ctor(args):
        ci = False
        source = None
        for a in args:
            ua = unwrap(a)
            cmp = _string_comparer_ci(ua)
            if cmp is not None:
                ci = cmp
            elif isinstance(ua, Hashtable):
                source = ua
        d = GenericDictionary((), kt, vt, t.full_name, ci, t.display, kind)
        if kind == "ConcurrentDictionary":
            d.lock = threading.RLock()
        if source is not None:
            for k, v in source.items():
                dict_add(d, k, v)
        return d
    return ctor


def _dict_convert_for(t: PSType, ctor):
    def convert(value):
        if value is None or value is AUTOMATION_NULL:
            return None
        base = unwrap(value)
        if isinstance(base, GenericDictionary) and base.type_name == t.full_name:
            return base
        if isinstance(base, Hashtable):
            return ctor([base])
        raise C.cast_error(value, t.display)
    return convert


def _coll_ctor_for(t: PSType, et: Optional[PSType], kind: str):
    def ctor(args):
        items = []
        ci = False
        for a in args:
            ua = unwrap(a)
            cmp = _string_comparer_ci(ua)
            if cmp is not None:
                ci = cmp
            elif isinstance(ua, (list, tuple, Hashtable)) or getattr(ua, "ps_enumerate", None) is not None:
                items = _enum_items(ua)
            elif ua is None:
                raise ArgumentNullException("Value cannot be null. (Parameter 'collection')")
        if kind in ("HashSet", "SortedSet"):
            return HashSetValue(items, et, t.full_name, ci, t.display, kind == "SortedSet")
        return QueueValue(kind, items, et, t.full_name, t.display)
    return ctor


def _coll_convert_for(t: PSType, ctor):
    def convert(value):
        if value is None or value is AUTOMATION_NULL:
            return None
        base = unwrap(value)
        if getattr(base, "type_name", None) == t.full_name:
            return base
        return ctor([enumerate_to_list(base)])
    return convert


_GENERIC_DEFS = {
    "system.collections.generic.list`1": "List",
    "system.collections.generic.dictionary`2": "Dictionary",
    "system.collections.generic.sorteddictionary`2": "SortedDictionary",
    "system.collections.concurrent.concurrentdictionary`2": "ConcurrentDictionary",
    "system.collections.generic.hashset`1": "HashSet",
    "system.collections.generic.sortedset`1": "SortedSet",
    "system.collections.generic.queue`1": "Queue",
    "system.collections.generic.stack`1": "Stack",
    "system.collections.concurrent.concurrentqueue`1": "ConcurrentQueue",
    "system.collections.concurrent.concurrentstack`1": "ConcurrentStack",
    "system.collections.concurrent.concurrentbag`1": "ConcurrentBag",
    "system.collections.generic.keyvaluepair`2": "KeyValuePair",
    "system.nullable`1": "Nullable",
    "system.collections.generic.ienumerable`1": "IEnumerable",
    "system.collections.generic.icollection`1": "ICollection",
    "system.collections.generic.ilist`1": "IList",
    "system.collections.generic.idictionary`2": "IDictionary",
    "system.collections.objectmodel.collection`1": "List",
    "system.collections.objectmodel.observablecollection`1": "List",
    "system.collections.generic.linkedlist`1": "List",
    "system.predicate`1": "Delegate", "system.comparison`1": "Delegate", "system.converter`2": "Delegate",
    "system.action`1": "Delegate", "system.action`2": "Delegate", "system.action`3": "Delegate",
    "system.action`4": "Delegate", "system.func`1": "Delegate", "system.func`2": "Delegate",
    "system.func`3": "Delegate", "system.func`4": "Delegate", "system.func`5": "Delegate",
}
_GENERIC_FULL = {
    "List": "System.Collections.Generic.List`1", "Dictionary": "System.Collections.Generic.Dictionary`2",
    "SortedDictionary": "System.Collections.Generic.SortedDictionary`2",
    "ConcurrentDictionary": "System.Collections.Concurrent.ConcurrentDictionary`2",
    "HashSet": "System.Collections.Generic.HashSet`1", "SortedSet": "System.Collections.Generic.SortedSet`1",
    "Queue": "System.Collections.Generic.Queue`1", "Stack": "System.Collections.Generic.Stack`1",
    "ConcurrentQueue": "System.Collections.Concurrent.ConcurrentQueue`1",
    "ConcurrentStack": "System.Collections.Concurrent.ConcurrentStack`1",
    "ConcurrentBag": "System.Collections.Concurrent.ConcurrentBag`1",
    "KeyValuePair": "System.Collections.Generic.KeyValuePair`2", "Nullable": "System.Nullable`1",
    "IEnumerable": "System.Collections.Generic.IEnumerable`1", "ICollection": "System.Collections.Generic.ICollection`1",
    "IList": "System.Collections.Generic.IList`1", "IDictionary": "System.Collections.Generic.IDictionary`2",
    # list-like generics that keep their own name (looked up by full name, not by kind)
    "Collection": "System.Collections.ObjectModel.Collection`1",
    "ObservableCollection": "System.Collections.ObjectModel.ObservableCollection`1",
}


def _delegate_convert(t: PSType):
    """A script block converted to a delegate type stays the script block (delegate_call runs it)."""
    def convert(value):
        from pslark.runtime.scriptblock import ScriptBlock
        if value is None or value is AUTOMATION_NULL:
            return None
        v = unwrap(value)
        if isinstance(v, ScriptBlock):
            return v
        raise C.cast_error(value, t.display)
    return convert


def make_generic(def_key: str, args: list) -> Optional[PSType]:
    kind = _GENERIC_DEFS.get(def_key)
    if kind is None:
        return None
    arity = int(def_key.rsplit("`", 1)[1])
    if len(args) != arity:
        return None
    def_full = _GENERIC_FULL.get(kind) if def_key.startswith("system.collections.generic.") or kind in (
        "Nullable", "ConcurrentDictionary", "ConcurrentQueue", "ConcurrentStack", "ConcurrentBag") else None
    if kind == "Delegate":
        def_full = {"system.predicate": "System.Predicate", "system.comparison": "System.Comparison",
                    "system.converter": "System.Converter", "system.action": "System.Action",
                    "system.func": "System.Func"}[def_key.split("`")[0]] + "`" + def_key.split("`")[1]
    elif def_full is None or def_full.casefold() != def_key:
        def_full = {k.casefold(): k for k in _GENERIC_FULL.values()}.get(def_key)
        if def_full is None:
            def_full = "System.Collections.Generic.List`1"
    full = _generic_full(def_full, tuple(args))
    display = _generic_display(def_full, tuple(args))
    name = def_full.rsplit(".", 1)[-1]
    t = PSType(full, name=name, display=display, generic_args=tuple(args))
    t.namespace = def_full.rsplit(".", 1)[0]
    et = args[0] if args else None
    if kind == "List":
        t._ctor = _list_ctor_for(t, et)
        t._convert = _list_convert_for(t, et)
        t._check = lambda v, full=full: isinstance(v, PSList) and v.type_name == full
    elif kind in ("Dictionary", "SortedDictionary", "ConcurrentDictionary"):
        t._ctor = _dict_ctor_for(t, args[0], args[1], kind)
        t._convert = _dict_convert_for(t, t._ctor)
        t._check = lambda v, full=full: isinstance(v, GenericDictionary) and v.type_name == full
    elif kind in ("HashSet", "SortedSet", "Queue", "Stack", "ConcurrentQueue", "ConcurrentStack", "ConcurrentBag"):
        t._ctor = _coll_ctor_for(t, et, kind)
        t._convert = _coll_convert_for(t, t._ctor)
        t._check = lambda v, full=full: getattr(v, "type_name", None) == full
    elif kind == "KeyValuePair":
        t.is_value_type = True
        t._base_name = "System.ValueType"
        t._ctor = lambda a, tn=full: KeyValuePair(args[0].convert(a[0]), args[1].convert(a[1]), tn)
        t._check = lambda v: isinstance(v, KeyValuePair)
    elif kind == "Delegate":
        t._base_name = "System.MulticastDelegate"
        t._convert = _delegate_convert(t)
        t._check = lambda v: type(v).__name__ == "ScriptBlock"
    elif kind == "Nullable":
        t.is_value_type = True
        t._base_name = "System.ValueType"
        t._convert = lambda v, inner=et: None if v is None or v is AUTOMATION_NULL else inner.convert(v)
        t._check = lambda v, inner=et: inner.is_instance(v)
    else:
        t.is_interface = True
        t._base_name = None
        if kind == "IDictionary":
            t._check = lambda v: isinstance(v, Hashtable)
        elif kind == "IList":
            t._check = lambda v: isinstance(v, list)
        else:
            t._check = lambda v: isinstance(v, (list, tuple, Hashtable, str)) or hasattr(v, "ps_enumerate")
        t._convert = lambda v, et=et: None if v is None else (v if isinstance(unwrap(v), (list, Hashtable)) or
                                                                hasattr(unwrap(v), "ps_enumerate") else
                                                                [et.convert(v)] if et is not None else [v])
    return t


# ==============================================================================================
# The registry

_LOCK = threading.RLock()
_RESOLVED: dict[str, Optional[PSType]] = {}
_DEFS: dict[str, Callable[[], PSType]] = {}
_ACCEL: dict[str, str] = {}


def register_type(factory: Any, full_name: Optional[str] = None, accelerators: Iterable[str] = ()) -> None:
    """Make a type resolvable: `factory` is a PSType or a callable returning one (built on first use)."""
    if isinstance(factory, PSType):
        t = factory
        full_name = full_name or t.full_name
        factory = (lambda t=t: t)
    key = full_name.casefold()
    with _LOCK:
        _DEFS[key] = factory
        _RESOLVED.pop(key, None)
        for a in accelerators:
            _ACCEL[a.casefold()] = key


def _informational_ctor(kind: str):
    def run(args):
        from pslark.runtime import records
        if len(args) != 1:
            raise overload_count_error("new", len(args))
        message = a_str(args, 0, "message")
        if message is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'message')")
        return getattr(records, kind)(message)
    run.definitions = (f"{kind} new(string message)",)
    return run


def _information_record_ctor(args):
    from pslark.runtime.records import InformationRecord
    if len(args) != 2:
        raise overload_count_error("new", len(args))
    return InformationRecord(unwrap(args[0]), a_str(args, 1, "source") or "")


_information_record_ctor.definitions = ("InformationRecord new(System.Object messageData, string source)",)


def _progress_record_ctor(args):
    from pslark.runtime.records import ProgressRecord
    if len(args) != 3:
        raise overload_count_error("new", len(args))
    activity_id = a_int(args, 0, "activityId")
    activity = a_str(args, 1, "activity")
    status = a_str(args, 2, "statusDescription")
    if activity_id < 0:
        raise ArgumentOutOfRangeException("Cannot process argument because the value of argument \"activityId\" "
                                          "is out of range. Change the value of the \"activityId\" argument and "
                                          f"run the operation again. (Parameter 'activityId')\nActual value was "
                                          f"{activity_id}.")
    if not activity:
        raise ArgumentException("Cannot process argument because the value of argument \"activity\" is null. "
                                "Change the value of argument \"activity\" to a non-null value.")
    if not status:
        raise ArgumentException("Cannot process argument because the value of argument \"statusDescription\" is "
                                "null. Change the value of argument \"statusDescription\" to a non-null value.")
    return ProgressRecord(activity, status, activity_id)


_progress_record_ctor.definitions = ("ProgressRecord new(int activityId, string activity, string statusDescription)",)

_RECORD_CTORS = {
    "System.Management.Automation.WarningRecord": _informational_ctor("WarningRecord"),
    "System.Management.Automation.VerboseRecord": _informational_ctor("VerboseRecord"),
    "System.Management.Automation.DebugRecord": _informational_ctor("DebugRecord"),
    "System.Management.Automation.InformationRecord": _information_record_ctor,
    "System.Management.Automation.ProgressRecord": _progress_record_ctor,
}


def _def(full: str, *accels: str, **kw) -> None:
    _DEFS[full.casefold()] = lambda: PSType(full, **kw)
    for a in accels:
        _ACCEL[a.casefold()] = full.casefold()


_MARSHAL_SIZES = {"System.SByte": 1, "System.Byte": 1, "System.Char": 1, "System.Int16": 2, "System.UInt16": 2,
                  "System.Int32": 4, "System.UInt32": 4, "System.Single": 4, "System.Boolean": 4, "System.Int64": 8,
                  "System.UInt64": 8, "System.Double": 8, "System.IntPtr": 8, "System.UIntPtr": 8,
                  "System.Decimal": 16, "System.Guid": 16}


def _marshal_size_of(t, args):
    """Marshal.SizeOf(type or value): the unmanaged size of the primitive types."""
    v = unwrap(args[0]) if args else None
    if v is None:
        raise ArgumentNullException("Value cannot be null. (Parameter 'structure')")
    pt = v if isinstance(v, PSType) else type_of(v)
    if isinstance(pt, EnumType):
        pt = resolve_type(pt.underlying)
    size = _MARSHAL_SIZES.get(pt.full_name)
    if size is None:
        raise ArgumentException(f"Type '{pt.full_name}' cannot be marshaled as an unmanaged structure; no "
                                "meaningful size or offset can be computed. (Parameter 't')")
    return size


def _dynamicparam_type(full: str) -> PSType:
    from pslark.runtime.dynamicparams import attribute_types
    for name, factory, _accels in attribute_types():
        if name == full:
            return factory()
    raise KeyError(full)


def _def_factory(full: str, factory: Callable[[], PSType], *accels: str) -> None:
    _DEFS[full.casefold()] = factory
    for a in accels:
        _ACCEL[a.casefold()] = full.casefold()


def _is_int32(v):
    return type(v) is int and INT32_MIN <= v <= INT32_MAX


def _exact(name: str) -> Callable[[Any], bool]:
    return lambda v: C.type_name_of(v) == name


def _numeric_type(full: str, convert: Callable, *accels: str) -> None:
    def build():
        statics, methods = _numeric_statics(full, convert)
        check = _is_int32 if full == "System.Int32" else _exact(full)
        return PSType(full, base="System.ValueType", value_type=True, check=check, convert=convert, statics=statics,
                      methods=methods, serializable=True)
    _def_factory(full, build, *accels)


def _conv_int_cls(cls):
    return lambda v: C.convert_integer(v, cls)


def _bigint_convert(v):
    v = unwrap(v)
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise C.cast_error(v, "System.Numerics.BigInteger", "Value was either too large or too small for a "
                               "BigInteger.")
        return BigInteger(int(v))
    if isinstance(v, _Dec):
        return BigInteger(int(v))
    if isinstance(v, str) and not isinstance(v, PSChar):
        s = v.strip()
        if s.lstrip("+-").isdigit():
            return BigInteger(int(s))
    return C.convert_integer(v, BigInteger)


def _bool_convert(v):
    return C.to_bool(v)


def _char_convert(v):
    return C.to_char(unwrap(v) if isinstance(v, PSObject) else v)


def _value_type_check(v) -> bool:
    if isinstance(v, (bool, int, float, _Dec, datetime.datetime, datetime.timedelta, uuid.UUID, SwitchParameter,
                      KeyValuePair, ValueTuple)):
        return True
    return isinstance(v, PSChar)


def _comparable_check(v) -> bool:
    return isinstance(v, (bool, int, float, _Dec, str, datetime.datetime, datetime.timedelta, uuid.UUID, Version,
                          SemanticVersion)) or hasattr(v, "ps_compare")


def _enumerable_check(v) -> bool:
    return isinstance(v, (list, tuple, Hashtable, str)) or getattr(v, "ps_enumerate", None) is not None or \
        isinstance(v, (XmlElementValue, XmlDocumentValue))


def _build_registry() -> None:
    _def("System.Object", "object", base=None, check=lambda v: True, convert=lambda v: v)
    _def("System.ValueType", base="System.Object", abstract=True, check=_value_type_check)
    _def("System.Enum", base="System.ValueType", abstract=True, check=lambda v: isinstance(v, EnumValue),
         methods=_SYSTEM_ENUM_STATIC_METHODS)
    _def("System.Array", "array", base="System.Object", abstract=True,
         check=lambda v: isinstance(v, list) and not isinstance(v, (PSList, KeyCollection, MatchCollection)),
         convert=_array_convert, methods=_ARRAY_STATIC_METHODS)
    _def_factory("System.String", lambda: PSType(
        "System.String", sealed=True, check=lambda v: isinstance(v, str) and not isinstance(v, PSChar),
        convert=_string_convert, statics={"Empty": ""}, methods=_STRING_METHODS, ctor=_string_ctor), "string")
    _def_factory("System.Char", lambda: PSType(
        "System.Char", base="System.ValueType", value_type=True, check=lambda v: isinstance(v, PSChar),
        convert=_char_convert, statics=_char_statics()[0], methods=_char_statics()[1]), "char")
    _def_factory("System.Boolean", lambda: PSType(
        "System.Boolean", base="System.ValueType", value_type=True, check=lambda v: isinstance(v, bool),
        convert=_bool_convert, statics={"TrueString": "True", "FalseString": "False"}, methods=[
            NetMethod("Parse", ("bool Parse(string value)",), lambda t, a: _convert_to_bool(t, [a_str(a, 0)])
                      if a[0] is not None else (_ for _ in ()).throw(ArgumentNullException(
                          "Value cannot be null. (Parameter 'value')"))),
            NetMethod("TryParse", ("bool TryParse(string value, [ref] bool result)",),
                      lambda t, a: _bool_try_parse(a))]), "bool")
    _numeric_type("System.Int32", C.to_int, "int", "int32")
    _numeric_type("System.Int64", C.to_long, "long", "int64")
    _numeric_type("System.Byte", _conv_int_cls(Byte), "byte")
    _numeric_type("System.SByte", _conv_int_cls(SByte), "sbyte")
    _numeric_type("System.Int16", _conv_int_cls(Int16), "int16", "short")
    _numeric_type("System.UInt16", _conv_int_cls(UInt16), "uint16", "ushort")
    _numeric_type("System.UInt32", _conv_int_cls(UInt32), "uint32", "uint")
    _numeric_type("System.UInt64", _conv_int_cls(UInt64), "uint64", "ulong")
    _numeric_type("System.Numerics.BigInteger", _bigint_convert, "bigint")
    _numeric_type("System.Double", C.to_double, "double")
    _numeric_type("System.Single", C.to_single, "float", "single")
    _numeric_type("System.Decimal", C.to_decimal, "decimal")
    _def("System.DateTime", "datetime", base="System.ValueType", value_type=True,
         check=lambda v: isinstance(v, datetime.datetime) and not isinstance(v, DateTimeOffset),
         convert=_datetime_convert, statics=_DATETIME_STATICS, methods=_DATETIME_METHODS, ctor=_dt_ctor)
    _def("System.DateTimeOffset", base="System.ValueType", value_type=True,
         check=lambda v: isinstance(v, DateTimeOffset), convert=_dto_convert, ctor=_dto_ctor,
         statics={"Now": lambda: DateTimeOffset.from_datetime(datetime.datetime.now()),
                  "UtcNow": lambda: DateTimeOffset.from_datetime(datetime.datetime.now(datetime.timezone.utc)),
                  "MinValue": DateTimeOffset(1, 1, 1, tzinfo=datetime.timezone.utc),
                  "MaxValue": DateTimeOffset(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc),
                  "UnixEpoch": DateTimeOffset(1970, 1, 1, tzinfo=datetime.timezone.utc)},
         methods=[NetMethod("FromUnixTimeSeconds", ("DateTimeOffset FromUnixTimeSeconds(long seconds)",),
                            lambda t, a: _dto_from_unix(True)(a)),
                  NetMethod("FromUnixTimeMilliseconds", ("DateTimeOffset FromUnixTimeMilliseconds(long milliseconds)",),
                            lambda t, a: _dto_from_unix(False)(a)),
                  NetMethod("Parse", ("DateTimeOffset Parse(string input)",), lambda t, a: _dto_convert(a_str(a, 0))),
                  NetMethod("FromFileTime", ("DateTimeOffset FromFileTime(long fileTime)",),
                            lambda t, a: DateTimeOffset.from_datetime(_from_file_time(True)(t, a)))])
    _def("System.TimeSpan", "timespan", base="System.ValueType", value_type=True,
         check=lambda v: isinstance(v, datetime.timedelta), convert=_timespan_convert, statics=_TIMESPAN_STATICS,
         methods=_TIMESPAN_METHODS, ctor=_ts_ctor)
    _def("System.Guid", "guid", base="System.ValueType", value_type=True, check=lambda v: isinstance(v, uuid.UUID),
         convert=_guid_convert, statics={"Empty": uuid.UUID(int=0)}, methods=_GUID_METHODS, ctor=_guid_ctor)
    _def("System.Void", "void", base="System.ValueType", value_type=True, check=lambda v: False,
         convert=_void_convert)
    _def("System.Type", "type", base="System.Reflection.MemberInfo", abstract=True,
         check=lambda v: isinstance(v, PSType), convert=_type_convert)
    _def("System.RuntimeType", base="System.Reflection.TypeInfo", check=lambda v: isinstance(v, PSType),
         convert=_type_convert)
    _def("System.Reflection.TypeInfo", base="System.Type", abstract=True, check=lambda v: isinstance(v, PSType))
    _def("System.Reflection.MemberInfo", base="System.Object", abstract=True, check=lambda v: isinstance(v, PSType))
    _def("System.Management.Automation.PSObject", "psobject", check=lambda v: True, convert=lambda v: v,
         ctor=_psobject_new, assembly=SMA)
    _DEFS["pscustomobject"] = lambda: PSType(
        "System.Management.Automation.PSObject", check=lambda v: isinstance(v, PSObject),
        convert=_custom_object_convert, ctor=_psobject_new, assembly=SMA)
    _ACCEL["pscustomobject"] = "pscustomobject"
    _def("System.Management.Automation.PSCustomObject", base="System.Object",
         check=lambda v: isinstance(v, PSObject) and v.base is None, convert=_custom_object_convert, assembly=SMA,
         serializable=False)
    _def("System.Collections.Hashtable", "hashtable", check=lambda v: isinstance(v, Hashtable) and not isinstance(
        v, (GenericDictionary, OrderedDictionary)), convert=_hashtable_convert, ctor=_hashtable_ctor)
    _def("System.Collections.Specialized.OrderedDictionary", "ordered", check=lambda v: isinstance(
        v, OrderedDictionary), convert=_ordered_convert, ctor=lambda a: OrderedDictionary())
    _def("System.Collections.ArrayList", check=lambda v: isinstance(v, PSList) and not _is_generic_list(v),
         ctor=lambda a: _arraylist_new(a), convert=lambda v: None if v is None else _arraylist_new(
             [enumerate_to_list(unwrap(v))]))
    _def("System.Collections.Queue", check=lambda v: isinstance(v, QueueValue) and v.type_name ==
         "System.Collections.Queue", ctor=lambda a: QueueValue("Queue", _enum_items(a[0]) if a and isinstance(
             unwrap(a[0]), (list, tuple)) else (), None, "System.Collections.Queue"))
    _def("System.Collections.Stack", check=lambda v: isinstance(v, QueueValue) and v.type_name ==
         "System.Collections.Stack", ctor=lambda a: QueueValue("Stack", _enum_items(a[0]) if a and isinstance(
             unwrap(a[0]), (list, tuple)) else (), None, "System.Collections.Stack"))
    _def("System.Collections.DictionaryEntry", base="System.ValueType", value_type=True,
         check=lambda v: type(v).__name__ == "DictionaryEntry", ctor=lambda a: DictionaryEntryValue(a[0], a[1]))
    _def("System.Collections.IEnumerable", base=None, interface=True, check=_enumerable_check)
    _def("System.Collections.ICollection", base=None, interface=True,
         check=lambda v: isinstance(v, (list, tuple, Hashtable, QueueValue)))
    _def("System.Collections.IList", base=None, interface=True, check=lambda v: isinstance(v, list))
    _def("System.Collections.IDictionary", base=None, interface=True, check=lambda v: isinstance(v, Hashtable))
    _def("System.Collections.Specialized.IOrderedDictionary", base=None, interface=True,
         check=lambda v: isinstance(v, OrderedDictionary))
    _def("System.IComparable", base=None, interface=True, check=_comparable_check)
    _def("System.IFormattable", base=None, interface=True,
         check=lambda v: isinstance(v, (int, float, _Dec, datetime.datetime, datetime.timedelta, uuid.UUID)) and
         not isinstance(v, bool))
    _def("System.IConvertible", base=None, interface=True,
         check=lambda v: isinstance(v, (bool, int, float, _Dec, str, datetime.datetime)))
    _def("System.IDisposable", base=None, interface=True, check=lambda v: isinstance(v, (Mutex, SemaphoreSlim)))
    _def("System.ICloneable", base=None, interface=True, check=lambda v: isinstance(v, (list, Hashtable, str)))
    _def("System.IEquatable`1", base=None, interface=True, check=lambda v: True)
    _def("System.Math", "math", is_static_class=True, statics=_MATH_STATICS, methods=_MATH_METHODS)
    _def("System.Convert", is_static_class=True, methods=_CONVERT_METHODS, statics={"DBNull": DBNULL})
    _def("System.BitConverter", is_static_class=True, methods=_BITCONVERTER_METHODS, statics={"IsLittleEndian": True})
    _def("System.Environment", is_static_class=True, statics=_ENVIRONMENT_STATICS, methods=_ENVIRONMENT_METHODS)
    _def("System.Management.Automation.Host.Coordinates", value_type=True, assembly=SMA,
         check=lambda v: type(v).__name__ == "Coordinates", ctor=_host_coordinates)
    _def("System.Management.Automation.Host.Size", value_type=True, assembly=SMA,
         check=lambda v: type(v).__name__ == "Size" and hasattr(v, "height"), ctor=_host_size)
    import sys as _sys
    # System.Attribute, the attribute objects ([Parameter], [ValidateSet] ...) and RuntimeDefinedParameter(Dictionary)
    # for dynamicparam blocks live in runtime/dynamicparams.py (imported on first use)
    for _full, _accels in (("System.Attribute", ()),
                           *((f"System.Management.Automation.{n}Attribute", (n, n + "Attribute"))
                             for n in ("Parameter", "Alias", "ValidateSet", "ValidateNotNullOrEmpty", "ValidateNotNull",
                                       "AllowNull", "AllowEmptyString", "AllowEmptyCollection", "ValidateRange",
                                       "ValidateCount", "ValidateLength", "ValidatePattern")),
                           ("System.Management.Automation.RuntimeDefinedParameter", ()),
                           ("System.Management.Automation.RuntimeDefinedParameterDictionary", ())):
        _def_factory(_full, lambda _full=_full: _dynamicparam_type(_full), *_accels)
    # CommandMetadata / ProxyCommand / ParameterMetadata live in runtime/proxycommand.py (imported on first use)
    for _full, _maker in (("CommandMetadata", "command_metadata_type"), ("ProxyCommand", "proxy_command_type"),
                          ("ParameterMetadata", "parameter_metadata_type")):
        _def_factory(f"System.Management.Automation.{_full}", lambda _maker=_maker: getattr(
            __import__("pslark.runtime.proxycommand", fromlist=[_maker]), _maker)())
    _def("System.Management.Automation.Platform", is_static_class=True, assembly=SMA, statics={
        "IsWindows": _sys.platform == "win32", "IsLinux": _sys.platform.startswith("linux"),
        "IsMacOS": _sys.platform == "darwin", "IsCoreCLR": True, "IsWindowsDesktop": False,
        "IsNanoServer": False, "IsIoT": False, "IsStaticConsole": False})
    _def("System.Console", is_static_class=True, statics=_CONSOLE_STATICS, methods=_CONSOLE_METHODS,
         settable=_CONSOLE_SETTABLE)
    _def("System.IO.Path", is_static_class=True, statics=_PATH_STATICS, methods=_PATH_METHODS)
    _def("System.IO.File", is_static_class=True, methods=_FILE_METHODS)
    _def("System.IO.Directory", is_static_class=True, methods=_DIRECTORY_METHODS)
    _def("System.IO.FileSystemInfo", base="System.MarshalByRefObject", abstract=True)
    _def("System.IO.FileInfo", base="System.IO.FileSystemInfo", sealed=True,
         ctor=lambda a: _keep_original_path(_file_info(_io_path(a, 0, "fileName")), a))
    _def("System.IO.DirectoryInfo", base="System.IO.FileSystemInfo", sealed=True,
         ctor=lambda a: _keep_original_path(_directory_info(_io_path(a)), a))
    _def("System.MarshalByRefObject", abstract=True)
    _def("System.Delegate", abstract=True, check=lambda v: type(v).__name__ == "ScriptBlock")
    _def("System.MulticastDelegate", base="System.Delegate", abstract=True,
         check=lambda v: type(v).__name__ == "ScriptBlock")
    _def("System.Text.RegularExpressions.MatchEvaluator", base="System.MulticastDelegate", sealed=True,
         check=lambda v: type(v).__name__ == "ScriptBlock",
         convert=lambda v: _delegate_convert(resolve_type("System.Text.RegularExpressions.MatchEvaluator"))(v))
    _def("System.Action", base="System.MulticastDelegate", check=lambda v: type(v).__name__ == "ScriptBlock",
         convert=lambda v: _delegate_convert(resolve_type("System.Action"))(v))
    _def("System.Runtime.InteropServices.Marshal", is_static_class=True, methods=[
        NetMethod("SizeOf", ("static int SizeOf(System.Object structure)", "static int SizeOf(type t)"),
                  _marshal_size_of)])
    _def("System.Tuple", is_static_class=True, methods=[
        NetMethod("Create", tuple(f"static System.Tuple[{', '.join('T' + str(i) for i in range(1, n + 1))}] Create("
                                  + ", ".join(f"T{i} item{i}" for i in range(1, n + 1)) + ")" for n in range(1, 9)),
                  _tuple_create)])
    _def("System.ValueTuple", is_static_class=True, methods=[
        NetMethod("Create", tuple(f"static System.ValueTuple[{', '.join('T' + str(i) for i in range(1, n + 1))}] "
                                  "Create(" + ", ".join(f"T{i} item{i}" for i in range(1, n + 1)) + ")"
                                  for n in range(1, 9)),
                  lambda t, a: ValueTuple(a))])
    _def("System.Management.Automation.Language.Parser", sealed=True, assembly=SMA, methods=[
        NetMethod("ParseInput", ("static System.Management.Automation.Language.ScriptBlockAst ParseInput(string input, "
                                 "[ref] System.Management.Automation.Language.Token[] tokens, "
                                 "[ref] System.Management.Automation.Language.ParseError[] errors)",),
                  _parser_parse(False)),
        NetMethod("ParseFile", ("static System.Management.Automation.Language.ScriptBlockAst ParseFile(string fileName, "
                                "[ref] System.Management.Automation.Language.Token[] tokens, "
                                "[ref] System.Management.Automation.Language.ParseError[] errors)",),
                  _parser_parse(True))])
    _def_factory("System.Management.Automation.WildcardPattern", lambda: PSType(
        "System.Management.Automation.WildcardPattern", check=lambda v: isinstance(v, WildcardPatternValue),
        ctor=_wildcard_ctor, methods=_wildcard_statics(), assembly=SMA), "WildcardPattern")
    _def_factory("Microsoft.PowerShell.Commands.PSPropertyExpression",
                 lambda: __import__("pslark.runtime.propertyexpression", fromlist=["x"]).make_type(),
                 "PSPropertyExpression")
    _def_factory("Microsoft.PowerShell.Commands.PSPropertyExpressionResult",
                 lambda: __import__("pslark.runtime.propertyexpression", fromlist=["x"]).make_result_type())
    _def("System.Text.StringBuilder", sealed=True, check=lambda v: isinstance(v, StringBuilder), ctor=_sb_ctor)
    _def("System.Diagnostics.Stopwatch", check=lambda v: isinstance(v, Stopwatch), ctor=lambda a: Stopwatch(),
         methods=[NetMethod("StartNew", ("System.Diagnostics.Stopwatch StartNew()",), lambda t, a: _stopwatch_new()),
                  NetMethod("GetTimestamp", ("long GetTimestamp()",),
                            lambda t, a: Int64(__import__("time").perf_counter_ns())),
                  NetMethod("GetElapsedTime", ("timespan GetElapsedTime(long startingTimestamp)",
                                               "timespan GetElapsedTime(long startingTimestamp, long endingTimestamp)"),
                            lambda t, a: datetime.timedelta(microseconds=(
                                (a_long(a, 1) if len(a) > 1 else __import__("time").perf_counter_ns()) -
                                a_long(a, 0)) // 1000))],
         statics={"Frequency": Int64(Stopwatch.FREQUENCY), "IsHighResolution": True})
    _def("System.Random", check=lambda v: isinstance(v, PSRandom), ctor=_random_ctor,
         statics={"Shared": _shared_random})
    _def("System.Text.Encoding", abstract=True, check=lambda v: isinstance(v, TextEncoding),
         convert=_encoding_convert,
         statics={"UTF8": lambda: _encoding("utf8"), "ASCII": lambda: _encoding("ascii"),
                  "Unicode": lambda: _encoding("unicode"), "BigEndianUnicode": lambda: _encoding("bigendianunicode"),
                  "UTF32": lambda: _encoding("utf32"), "Default": lambda: _encoding("default"),
                  "Latin1": lambda: _encoding("latin1"), "UTF7": lambda: _encoding("utf7")},
         methods=[NetMethod("GetEncoding", ("System.Text.Encoding GetEncoding(int codepage)",
                                            "System.Text.Encoding GetEncoding(string name)"),
                            lambda t, a: _encoding(C.to_string(a[0]))),
                  NetMethod("GetEncodings", ("System.Text.EncodingInfo[] GetEncodings()",),
                            lambda t, a: [_encoding(n) for n in ("utf8", "ascii", "unicode", "utf32", "latin1")]),
                  NetMethod("Convert", ("byte[] Convert(System.Text.Encoding srcEncoding, System.Text.Encoding "
                                        "dstEncoding, byte[] bytes)",),
                            lambda t, a: byte_array(_encoding_convert(a[1]).encode(
                                _encoding_convert(a[0]).decode(to_bytes(a[2])))))])
    _def("System.Text.UTF8Encoding", base="System.Text.Encoding", check=lambda v: isinstance(v, TextEncoding) and
         v.codec == "utf-8", ctor=_utf8_ctor)
    _def("System.Text.ASCIIEncoding", base="System.Text.Encoding", ctor=lambda a: _encoding("ascii"))
    _def("System.Text.UnicodeEncoding", base="System.Text.Encoding", ctor=lambda a: _encoding("unicode"))
    _def("System.Text.RegularExpressions.Regex", "regex", check=lambda v: type(v).__name__ == "DotNetRegex",
         convert=_regex_convert, ctor=_regex_ctor, methods=_REGEX_METHODS,
         statics={"CacheSize": 15, "InfiniteMatchTimeout": datetime.timedelta(milliseconds=-1)})
    _def("System.Text.RegularExpressions.Capture", check=lambda v: type(v).__name__ in ("RegexCapture",
                                                                                        "RegexGroup", "RegexMatch"))
    _def("System.Text.RegularExpressions.Group", base="System.Text.RegularExpressions.Capture",
         check=lambda v: type(v).__name__ in ("RegexGroup", "RegexMatch"))
    _def("System.Text.RegularExpressions.Match", base="System.Text.RegularExpressions.Group",
         check=lambda v: type(v).__name__ == "RegexMatch",
         statics={"Empty": lambda: __import__("pslark.runtime.operators", fromlist=["x"]).RegexMatch(None, None, "")})
    _def("System.Text.RegularExpressions.MatchCollection", check=lambda v: isinstance(v, MatchCollection))
    _def("System.Text.RegularExpressions.GroupCollection", check=lambda v: type(v).__name__ == "GroupCollection")
    _def("System.Version", "version", sealed=True, check=lambda v: isinstance(v, Version), convert=_version_convert,
         ctor=_version_ctor, methods=[
             NetMethod("Parse", ("version Parse(string input)",), lambda t, a: Version.parse(a_str(a, 0, "input"))),
             NetMethod("TryParse", ("bool TryParse(string input, [ref] version result)",),
                       lambda t, a: _try(lambda: Version.parse(a_str(a, 0, "input")), a[-1], None))])
    _def("System.Management.Automation.SemanticVersion", "semver", check=lambda v: isinstance(v, SemanticVersion),
         convert=_semver_convert, ctor=lambda a: _semver_convert(a[0]) if len(a) == 1 else SemanticVersion(
             *[a_int(a, i) for i in range(min(len(a), 3))]), assembly=SMA)
    _def("System.Uri", "uri", check=lambda v: isinstance(v, PSUri), convert=_uri_convert, ctor=_uri_ctor,
         methods=[NetMethod("EscapeDataString", ("string EscapeDataString(string stringToEscape)",),
                            lambda t, a: __import__("urllib.parse").parse.quote(a_str(a, 0), safe="-_.~")),
                  NetMethod("UnescapeDataString", ("string UnescapeDataString(string stringToUnescape)",),
                            lambda t, a: __import__("urllib.parse").parse.unquote(a_str(a, 0))),
                  NetMethod("EscapeUriString", ("string EscapeUriString(string stringToEscape)",),
                            lambda t, a: __import__("urllib.parse").parse.quote(a_str(a, 0), safe=":/?#[]@!$&'()*+,;=-_.~%")),
                  NetMethod("IsWellFormedUriString", ("bool IsWellFormedUriString(string uriString, System.UriKind "
                                                      "uriKind)",), lambda t, a: _uri_well_formed(a)),
                  NetMethod("TryCreate", ("bool TryCreate(string uriString, System.UriKind uriKind, [ref] uri result)",),
                            lambda t, a: _try(lambda: PSUri(a_str(a, 0), C.to_string(a[1])), a[-1], None))],
         statics={"UriSchemeHttp": "http", "UriSchemeHttps": "https", "UriSchemeFile": "file",
                  "SchemeDelimiter": "://"})
    _def("System.Net.IPAddress", "ipaddress", check=lambda v: isinstance(v, IPAddress), convert=_ipaddress_convert,
         ctor=lambda a: IPAddress(__import__("ipaddress").ip_address(to_bytes(a[0]))),
         statics={"Any": lambda: IPAddress.parse("0.0.0.0"), "Loopback": lambda: IPAddress.parse("127.0.0.1"),
                  "Broadcast": lambda: IPAddress.parse("255.255.255.255"),
                  "None": lambda: IPAddress.parse("255.255.255.255"), "IPv6Any": lambda: IPAddress.parse("::"),
                  "IPv6Loopback": lambda: IPAddress.parse("::1"), "IPv6None": lambda: IPAddress.parse("::")},
         methods=[NetMethod("Parse", ("ipaddress Parse(string ipString)",),
                            lambda t, a: IPAddress.parse(a_str(a, 0, "ipString"))),
                  NetMethod("TryParse", ("bool TryParse(string ipString, [ref] ipaddress address)",),
                            lambda t, a: _try(lambda: IPAddress.parse(a_str(a, 0, "ipString")), a[-1], None)),
                  NetMethod("IsLoopback", ("bool IsLoopback(ipaddress address)",),
                            lambda t, a: _ipaddress_convert(a[0])._ip.is_loopback)])
    _def("System.Management.Automation.PSCredential", "pscredential", check=lambda v: isinstance(v, PSCredential),
         ctor=_pscredential_ctor, assembly=SMA, statics={"Empty": None})
    _def("System.Net.NetworkCredential", check=lambda v: isinstance(v, NetworkCredential),
         ctor=lambda a: NetworkCredential(a_str(a, 0) or "", a_str(a, 1) or "", a_str(a, 2) or "" if len(a) > 2
                                          else "") if a else NetworkCredential("", ""))
    _def("System.Security.SecureString", "securestring", sealed=True, check=lambda v: isinstance(v, SecureString),
         convert=_secure_string_convert, ctor=lambda a: SecureString())
    _def("System.Xml.XmlNode", abstract=True, check=lambda v: isinstance(v, (XmlDocumentValue, XmlElementValue,
                                                                            XmlAttributeValue)))
    _def("System.Xml.XmlDocument", "xml", base="System.Xml.XmlNode", check=lambda v: isinstance(v, XmlDocumentValue),
         convert=_xml_convert, ctor=lambda a: XmlDocumentValue())
    _def("System.Xml.XmlElement", base="System.Xml.XmlLinkedNode", check=lambda v: isinstance(v, XmlElementValue))
    _def("System.Xml.XmlLinkedNode", base="System.Xml.XmlNode", abstract=True,
         check=lambda v: isinstance(v, XmlElementValue))
    _def("System.Globalization.CultureInfo", "cultureinfo", convert=culture_convert, ctor=_culture_ctor,
         check=lambda v: type(v).__name__ == "Culture", statics={
             "InvariantCulture": lambda: __import__("pslark.runtime.culture", fromlist=["x"]).invariant_culture(),
             "CurrentCulture": lambda: __import__("pslark.runtime.culture", fromlist=["x"]).current_culture(),
             "CurrentUICulture": lambda: __import__("pslark.runtime.culture", fromlist=["x"]).current_culture(),
             "DefaultThreadCurrentCulture": None},
         settable={"CurrentCulture": _set_current_culture, "CurrentUICulture": _set_current_culture},
         methods=[NetMethod("GetCultureInfo", ("cultureinfo GetCultureInfo(string name)",),
                            lambda t, a: _culture_ctor(a)),
                  NetMethod("GetCultures", ("cultureinfo[] GetCultures(System.Globalization.CultureTypes types)",),
                            lambda t, a: [__import__("pslark.runtime.culture", fromlist=["x"]).invariant_culture()] +
                            list(__import__("pslark.runtime.culture", fromlist=["x"])._CULTURES.values())),
                  NetMethod("CreateSpecificCulture", ("cultureinfo CreateSpecificCulture(string name)",),
                            lambda t, a: _culture_ctor(a))])
    _def("System.Globalization.TextInfo", check=lambda v: isinstance(v, TextInfo))
    _def("System.Globalization.NumberFormatInfo", check=lambda v: isinstance(v, NumberFormatInfo),
         statics={"InvariantInfo": lambda: NumberFormatInfo(
             __import__("pslark.runtime.culture", fromlist=["x"]).invariant_culture()),
             "CurrentInfo": lambda: NumberFormatInfo(
             __import__("pslark.runtime.culture", fromlist=["x"]).current_culture())})
    _def("System.Globalization.DateTimeFormatInfo", check=lambda v: isinstance(v, DateTimeFormatInfo),
         statics={"InvariantInfo": lambda: DateTimeFormatInfo(
             __import__("pslark.runtime.culture", fromlist=["x"]).invariant_culture()),
             "CurrentInfo": lambda: DateTimeFormatInfo(
             __import__("pslark.runtime.culture", fromlist=["x"]).current_culture())})
    _def("System.StringComparer", abstract=True, check=lambda v: isinstance(v, StringComparer),
         statics={"Ordinal": _COMPARERS["ordinal"], "OrdinalIgnoreCase": _COMPARERS["ordinalignorecase"],
                  "InvariantCulture": _COMPARERS["invariantculture"],
                  "InvariantCultureIgnoreCase": _COMPARERS["invariantcultureignorecase"],
                  "CurrentCulture": _COMPARERS["currentculture"],
                  "CurrentCultureIgnoreCase": _COMPARERS["currentcultureignorecase"]})
    _def("System.Threading.Thread", check=lambda v: isinstance(v, ThreadInfo),
         statics={"CurrentThread": lambda: ThreadInfo(threading.current_thread())},
         methods=[NetMethod("Sleep", ("void Sleep(int millisecondsTimeout)", "void Sleep(timespan timeout)"),
                            lambda t, a: _thread_sleep(a)),
                  NetMethod("SpinWait", ("void SpinWait(int iterations)",), lambda t, a: None),
                  NetMethod("Yield", ("bool Yield()",), lambda t, a: True),
                  NetMethod("GetCurrentProcessorId", ("int GetCurrentProcessorId()",), lambda t, a: 0)])
    _def("System.Threading.Mutex", base="System.Threading.WaitHandle", check=lambda v: isinstance(v, Mutex),
         ctor=_mutex_ctor, methods=[
             NetMethod("OpenExisting", ("System.Threading.Mutex OpenExisting(string name)",),
                       lambda t, a: _mutex_open_existing(a)),
             NetMethod("TryOpenExisting", ("bool TryOpenExisting(string name, [ref] System.Threading.Mutex result)",),
                       lambda t, a: _try(lambda: _mutex_open_existing(a), a[-1], None))])
    _def("System.Threading.WaitHandle", base="System.MarshalByRefObject", abstract=True,
         check=lambda v: isinstance(v, Mutex), statics={"WaitTimeout": 258})
    _def("System.Threading.SemaphoreSlim", check=lambda v: isinstance(v, SemaphoreSlim), ctor=_semaphore_ctor)
    _def("System.Threading.Interlocked", is_static_class=True, methods=[
        NetMethod("Increment", ("int Increment([ref] int location)", "long Increment([ref] long location)"),
                  lambda t, a: _interlocked_add(lambda x: 1)(a)),
        NetMethod("Decrement", ("int Decrement([ref] int location)", "long Decrement([ref] long location)"),
                  lambda t, a: _interlocked_add(lambda x: -1)(a)),
        NetMethod("Add", ("int Add([ref] int location1, int value)", "long Add([ref] long location1, long value)"),
                  lambda t, a: _interlocked_add(lambda x: int(_num(x[1])))(a)),
        NetMethod("Exchange", ("System.Object Exchange([ref] System.Object location1, System.Object value)",),
                  lambda t, a: _interlocked_exchange(a)),
        NetMethod("CompareExchange", ("System.Object CompareExchange([ref] System.Object location1, System.Object "
                                      "value, System.Object comparand)",), lambda t, a: _interlocked_cmpxchg(a)),
        NetMethod("Read", ("long Read([ref] long location)",), lambda t, a: _ref_arg(a).Value)])
    _def("System.Management.Automation.ScriptBlock", "scriptblock", sealed=True, assembly=SMA,
         check=lambda v: type(v).__name__ == "ScriptBlock", convert=_scriptblock_convert,
         methods=[NetMethod("Create", ("scriptblock Create(string script)",),
                            lambda t, a: scriptblock_create(a_str(a, 0, "script")))])
    _def("System.Management.Automation.SwitchParameter", "switch", base="System.ValueType", value_type=True,
         check=lambda v: isinstance(v, SwitchParameter) or type(v).__name__ == "_SwitchValue",
         convert=_switch_convert, ctor=lambda a: SwitchParameter(C.to_bool(a[0]) if a else False),
         statics={"Present": lambda: SwitchParameter(True)}, assembly=SMA)
    _def("System.Management.Automation.PSReference", "ref", check=lambda v: isinstance(v, PSReference),
         convert=_ref_convert, ctor=lambda a: PSReference(a[0] if a else None), assembly=SMA)
    _def("System.Management.Automation.ErrorRecord", assembly=SMA, check=lambda v: isinstance(v, E.ErrorRecord),
         ctor=_error_record_ctor)
    _def("System.Management.Automation.InvocationInfo", assembly=SMA, check=lambda v: isinstance(v, E.InvocationInfo))
    _def("System.Management.Automation.ErrorCategoryInfo", assembly=SMA)
    _def("System.Management.Automation.Internal.AutomationNull", assembly=SMA, is_static_class=True,
         statics={"Value": AUTOMATION_NULL})
    _def("System.Management.Automation.Language.NullString", "NullString", assembly=SMA, statics={"Value": None})
    _def("System.DBNull", statics={"Value": DBNULL}, check=lambda v: isinstance(v, DBNullValue))
    _def("System.Management.Automation.PSMemberInfo", assembly=SMA, abstract=True,
         check=lambda v: type(v).__name__ in ("PSNoteProperty", "PSMethodInfo", "PSPropertyView"))
    _def("System.Management.Automation.PSPropertyInfo", base="System.Management.Automation.PSMemberInfo",
         assembly=SMA, abstract=True, check=lambda v: type(v).__name__ in ("PSNoteProperty", "PSPropertyView"))
    _def("System.Management.Automation.PSNoteProperty", "psnoteproperty",
         base="System.Management.Automation.PSPropertyInfo", assembly=SMA, ctor=_note_property_ctor,
         check=lambda v: type(v).__name__ == "PSNoteProperty" and getattr(v, "member_type", "") == "NoteProperty")
    _def("System.Management.Automation.PSScriptProperty", "psscriptproperty",
         base="System.Management.Automation.PSPropertyInfo", assembly=SMA, ctor=_script_property_ctor)
    _def("System.Management.Automation.PSAliasProperty", "psaliasproperty",
         base="System.Management.Automation.PSPropertyInfo", assembly=SMA, ctor=_alias_property_ctor)
    _def("System.Management.Automation.PSMethod", base="System.Management.Automation.PSMethodInfo", assembly=SMA,
         check=lambda v: type(v).__name__ == "PSMethodInfo")
    _def("System.Management.Automation.PSMethodInfo", base="System.Management.Automation.PSMemberInfo", assembly=SMA,
         abstract=True, check=lambda v: type(v).__name__ == "PSMethodInfo")
    _def("System.Exception", base="System.Object")   # replaced below by the exception types
    _def("System.Management.Automation.Job", assembly=SMA, abstract=True)
    _def("System.Management.Automation.PSCmdlet", base="System.Management.Automation.Cmdlet", assembly=SMA,
         abstract=True)
    _def("System.Management.Automation.Cmdlet", base="System.Management.Automation.Internal.InternalCommand",
         assembly=SMA, abstract=True)
    for name in ("System.Diagnostics.Process", "System.ServiceProcess.ServiceController",
                 "System.Management.Automation.PSVariable", "System.Management.Automation.CommandInfo",
                 "System.Management.Automation.PSModuleInfo", "System.Management.Automation.PathInfo",
                 "System.Management.Automation.ProviderInfo", "System.Management.Automation.PSDriveInfo",
                 "System.Management.Automation.CallStackFrame", "System.Management.Automation.WarningRecord",
                 "System.Management.Automation.InformationRecord", "System.Management.Automation.VerboseRecord",
                 "System.Management.Automation.DebugRecord", "System.Management.Automation.ProgressRecord",
                 "System.Management.Automation.Runspaces.PSSession", "Microsoft.PowerShell.Commands.MatchInfo",
                 "Microsoft.PowerShell.Commands.GroupInfo", "System.Management.Automation.PSEventArgs",
                 "System.Management.Automation.Host.PSHost"):
        _def(name, assembly=SMA if ".Automation." in name or "PowerShell" in name else CORELIB,
             ctor=_RECORD_CTORS.get(name))
    _ACCEL["psvariable"] = "system.management.automation.psvariable"
    _ACCEL["psmoduleinfo"] = "system.management.automation.psmoduleinfo"

    # enums
    for full, names, flags, values, accels in _ENUMS:
        _DEFS[full.casefold()] = _enum(full, names, flags, values, assembly=SMA if ".Automation." in full
                                       else CORELIB)
        for a in accels:
            _ACCEL[a.casefold()] = full.casefold()
    _DEFS["system.security.accesscontrol.aceflags"] = _enum(
        "System.Security.AccessControl.AceFlags", "None, ObjectInherit, ContainerInherit, NoPropagateInherit, "
        "InheritOnly, InheritanceFlags, Inherited, SuccessfulAccess, FailedAccess, AuditFlags", True,
        [0, 1, 2, 4, 8, 15, 16, 64, 128, 192], underlying="System.Byte", assembly=CORELIB)


_ENUMS = [
    ("System.Management.Automation.WildcardOptions", "None, Compiled, IgnoreCase, CultureInvariant", True,
     [0, 1, 2, 4], ()),
    ("System.ConsoleColor", "Black, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray, DarkGray, "
     "Blue, Green, Cyan, Red, Magenta, Yellow, White", False, None, ()),
    ("System.Management.Automation.ActionPreference", "SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend, "
     "Break", False, None, ()),
    ("System.Management.Automation.ConfirmImpact", "None, Low, Medium, High", False, None, ()),
    ("System.IO.FileAttributes", "ReadOnly, Hidden, System, Directory, Archive, Device, Normal, Temporary, SparseFile, "
     "ReparsePoint, Compressed, Offline, NotContentIndexed, Encrypted, IntegrityStream, NoScrubData", True,
     [1, 2, 4, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 131072], ()),
    ("System.IO.SearchOption", "TopDirectoryOnly, AllDirectories", False, None, ()),
    ("System.IO.FileMode", "CreateNew, Create, Open, OpenOrCreate, Truncate, Append", False, [1, 2, 3, 4, 5, 6], ()),
    ("System.IO.FileAccess", "Read, Write, ReadWrite", True, [1, 2, 3], ()),
    ("System.IO.FileShare", "None, Read, Write, ReadWrite, Delete, Inheritable", True, [0, 1, 2, 3, 4, 16], ()),
    ("System.DayOfWeek", "Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday", False, None, ()),
    ("System.DateTimeKind", "Unspecified, Utc, Local", False, None, ()),
    ("System.StringComparison", "CurrentCulture, CurrentCultureIgnoreCase, InvariantCulture, "
     "InvariantCultureIgnoreCase, Ordinal, OrdinalIgnoreCase", False, None, ()),
    ("System.StringSplitOptions", "None, RemoveEmptyEntries, TrimEntries", True, [0, 1, 2], ()),
    ("System.Text.RegularExpressions.RegexOptions", "None, IgnoreCase, Multiline, ExplicitCapture, Compiled, "
     "Singleline, IgnorePatternWhitespace, RightToLeft, ECMAScript, CultureInvariant, NonBacktracking", True,
     [0, 1, 2, 4, 8, 16, 32, 64, 256, 512, 1024], ()),
    ("System.MidpointRounding", "ToEven, AwayFromZero, ToZero, ToNegativeInfinity, ToPositiveInfinity", False, None,
     ()),
    ("System.Globalization.NumberStyles", "None, AllowLeadingWhite, AllowTrailingWhite, AllowLeadingSign, Integer, "
     "AllowTrailingSign, AllowParentheses, AllowDecimalPoint, AllowThousands, Number, AllowExponent, Float, "
     "AllowCurrencySymbol, Currency, Any, AllowHexSpecifier, HexNumber, AllowBinarySpecifier, BinaryNumber", True,
     [0, 1, 2, 4, 7, 8, 16, 32, 64, 111, 128, 167, 256, 383, 511, 512, 515, 1024, 1027], ()),
    ("System.Globalization.DateTimeStyles", "None, AllowLeadingWhite, AllowTrailingWhite, AllowInnerWhite, "
     "AllowWhiteSpaces, NoCurrentDateDefault, AdjustToUniversal, AssumeLocal, AssumeUniversal, RoundtripKind", True,
     [0, 1, 2, 4, 7, 8, 16, 32, 64, 128], ()),
    ("System.Globalization.UnicodeCategory", ", ".join(
        ["UppercaseLetter", "LowercaseLetter", "TitlecaseLetter", "ModifierLetter", "OtherLetter", "NonSpacingMark",
         "SpacingCombiningMark", "EnclosingMark", "DecimalDigitNumber", "LetterNumber", "OtherNumber",
         "SpaceSeparator", "LineSeparator", "ParagraphSeparator", "Control", "Format", "Surrogate", "PrivateUse",
         "ConnectorPunctuation", "DashPunctuation", "OpenPunctuation", "ClosePunctuation", "InitialQuotePunctuation",
         "FinalQuotePunctuation", "OtherPunctuation", "MathSymbol", "CurrencySymbol", "ModifierSymbol", "OtherSymbol",
         "OtherNotAssigned"]), False, None, ()),
    ("System.Net.Sockets.AddressFamily", "Unknown, Unspecified, Unix, InterNetwork, InterNetworkV6", False,
     [-1, 0, 1, 2, 23], ()),
    ("System.UriKind", "RelativeOrAbsolute, Absolute, Relative", False, None, ()),
    ("System.Reflection.MemberTypes", "Constructor, Event, Field, Method, Property, TypeInfo, Custom, NestedType, All",
     True, [1, 2, 4, 8, 16, 32, 64, 128, 191], ()),
    ("System.UriPartial", "Scheme, Authority, Path, Query", False, None, ()),
    ("System.Base64FormattingOptions", "None, InsertLineBreaks", True, [0, 1], ()),
    ("System.PlatformID", "Win32S, Win32Windows, Win32NT, WinCE, Unix, Xbox, MacOSX, Other", False, None, ()),
    ("System.Text.NormalizationForm", "FormC, FormD, FormKC, FormKD", False, [1, 2, 5, 6], ()),
    ("System.EnvironmentVariableTarget", "Process, User, Machine", False, None, ()),
    ("System.Management.Automation.SplitOptions", "SimpleMatch, RegexMatch, CultureInvariant, IgnorePatternWhitespace, "
     "Multiline, Singleline, IgnoreCase, ExplicitCapture", True, [1, 2, 4, 8, 16, 32, 64, 128], ()),
    ("System.Management.Automation.JobState", "NotStarted, Running, Completed, Failed, Stopped, Blocked, Suspended, "
     "Disconnected, Suspending, Stopping, AtBreakpoint", False, None, ()),
    ("System.Management.Automation.ErrorCategory", ", ".join(E.ERROR_CATEGORIES), False, None, ()),
    ("System.Management.Automation.ProgressRecordType", "Processing, Completed", False, None, ()),
    ("System.Management.Automation.PSMemberTypes", "AliasProperty, CodeProperty, Property, NoteProperty, "
     "ScriptProperty, Properties, PropertySet, Method, CodeMethod, ScriptMethod, Methods, ParameterizedProperty, "
     "MemberSet, Event, Dynamic, InferredProperty, All", True,
     [1, 2, 4, 8, 16, 31, 32, 64, 128, 256, 448, 512, 1024, 2048, 4096, 8192, 16383], ()),
    ("System.Management.Automation.CommandTypes", "Alias, Function, Filter, Cmdlet, ExternalScript, Application, "
     "Script, Configuration, All", True, [1, 2, 4, 8, 16, 32, 64, 256, 383], ()),
    ("System.Management.Automation.PSLanguageMode", "FullLanguage, RestrictedLanguage, NoLanguage, "
     "ConstrainedLanguage", False, None, ()),
    ("System.TypeCode", "Empty, Object, DBNull, Boolean, Char, SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, "
     "UInt64, Single, Double, Decimal, DateTime, String", False, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                                                16, 18], ()),
    ("System.Threading.ThreadState", "Running, StopRequested, SuspendRequested, Background, Unstarted, Stopped, "
     "WaitSleepJoin, Suspended, AbortRequested, Aborted", True, [0, 1, 2, 4, 8, 16, 32, 64, 128, 256], ()),
]


def _arr_arg(args, i=0, param="array") -> list:
    v = unwrap(args[i])
    if v is None:
        raise ArgumentNullException(f"Value cannot be null. (Parameter '{param}')")
    if not isinstance(v, list):
        raise ArgConversionError(v, param, "System.Array", f'Cannot convert the "{_text(v)}" value of type '
                                 f'"{C.type_name_of(v)}" to type "System.Array".')
    return v


def _arr_range(args, arr, start_i=1) -> tuple[int, int]:
    if len(args) > start_i + 1:
        start, count = a_int(args, start_i, "index"), a_int(args, start_i + 1, "length")
        if start < 0 or count < 0 or start + count > len(arr):
            raise ArgumentException("Offset and length were out of bounds for the array or count is greater than the "
                                    "number of elements from index to the end of the source collection.")
        return start, count
    return 0, len(arr)


def _array_sort(t, args):
    arr = _arr_arg(args)
    if len(args) >= 2 and isinstance(unwrap(args[1]), list):
        items = unwrap(args[1])
        pairs = sorted(zip(arr, items), key=lambda p, k=net_sort_key(): k(p[0]))
        arr[:] = [p[0] for p in pairs]
        items[:] = [p[1] for p in pairs]
        return None
    if len(args) == 2:
        _l_sort(arr, [args[1]])
        return None
    if len(args) >= 3:
        start, count = a_int(args, 1, "index"), a_int(args, 2, "length")
        part = arr[start:start + count]
        part.sort(key=net_sort_key())
        arr[start:start + count] = part
        return None
    arr.sort(key=net_sort_key())
    return None


def _array_copy(t, args):
    src = _arr_arg(args, 0, "sourceArray")
    if len(args) == 3:
        dst = _arr_arg(args, 1, "destinationArray")
        n = a_int(args, 2, "length")
        si, di = 0, 0
    else:
        si = a_int(args, 1, "sourceIndex")
        dst = _arr_arg(args, 2, "destinationArray")
        di, n = a_int(args, 3, "destinationIndex"), a_int(args, 4, "length")
    if n < 0 or si + n > len(src) or di + n > len(dst):
        raise ArgumentException("Destination array was not long enough. Check the destination index, length, and the "
                                "array's lower bounds. (Parameter 'destinationArray')")
    conv = _elem_converter(dst.element_type) if isinstance(dst, TypedArray) else None
    for k in range(n):
        v = src[si + k]
        dst[di + k] = conv(v) if conv is not None else v


def _array_resize(t, args):
    ref = args[0]
    if not isinstance(ref, PSReference):
        raise ArgConversionError(ref, "array", "T[]&", "Argument must be a [ref].")
    arr = ref.Value
    n = a_int(args, 1, "newSize")
    if n < 0:
        raise ArgumentOutOfRangeException("Non-negative number required. (Parameter 'newSize')")
    old = list(arr) if arr is not None else []
    et = arr.element_type if isinstance(arr, TypedArray) else None
    new = old[:n] + [default_value(et)] * max(0, n - len(old))
    ref.Value = TypedArray(new, et) if et is not None else new


def _array_create(t, args):
    et = unwrap(args[0])
    if not isinstance(et, PSType):
        et = _type_convert(et)
    n = a_int(args, 1, "length")
    return array_of(et).new([n])


_ARRAY_STATIC_METHODS = [
    NetMethod("IndexOf", ("int IndexOf(array array, System.Object value)",
                          "int IndexOf(array array, System.Object value, int startIndex)",
                          "int IndexOf(array array, System.Object value, int startIndex, int count)"),
              lambda t, a: _l_index_of(_arr_arg(a), a[1:])),
    NetMethod("LastIndexOf", ("int LastIndexOf(array array, System.Object value)",),
              lambda t, a: _l_last_index_of(_arr_arg(a), a[1:])),
    NetMethod("Reverse", ("void Reverse(array array)", "void Reverse(array array, int index, int length)"),
              lambda t, a: _l_reverse(_arr_arg(a), a[1:])),
    NetMethod("Sort", ("void Sort(array array)", "void Sort(array keys, array items)",
                       "void Sort(array array, System.Collections.IComparer comparer)",
                       "void Sort(array array, int index, int length)",
                       "void Sort[T](T[] array, System.Comparison[T] comparison)"), _array_sort),
    NetMethod("Clear", ("void Clear(array array)", "void Clear(array array, int index, int length)"),
              lambda t, a: (lambda arr, r: [arr.__setitem__(i, default_value(arr.element_type) if isinstance(
                  arr, TypedArray) else None) for i in range(r[0], r[0] + r[1])] and None)(
                  _arr_arg(a), _arr_range(a, _arr_arg(a)))),
    NetMethod("Copy", ("void Copy(array sourceArray, array destinationArray, int length)",
                       "void Copy(array sourceArray, int sourceIndex, array destinationArray, int destinationIndex, "
                       "int length)"), _array_copy),
    NetMethod("Resize", ("void Resize[T]([ref] T[] array, int newSize)",), _array_resize),
    NetMethod("Exists", ("bool Exists[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: _l_exists(_arr_arg(a), a[1:])),
    NetMethod("TrueForAll", ("bool TrueForAll[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: _l_true_for_all(_arr_arg(a), a[1:])),
    NetMethod("Find", ("T Find[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: _l_find()(_arr_arg(a), a[1:])),
    NetMethod("FindLast", ("T FindLast[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: _l_find(True)(_arr_arg(a), a[1:])),
    NetMethod("FindAll", ("T[] FindAll[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: [x for x in _arr_arg(a) if C.to_bool(delegate_call(a[1], [x]))]),
    NetMethod("FindIndex", ("int FindIndex[T](T[] array, System.Predicate[T] match)",),
              lambda t, a: _l_find_idx()(_arr_arg(a), a[1:])),
    NetMethod("ConvertAll", ("TOutput[] ConvertAll[TInput,TOutput](TInput[] array, System.Converter[TInput,TOutput] "
                             "converter)",), lambda t, a: [delegate_call(a[1], [x]) for x in _arr_arg(a)]),
    NetMethod("ForEach", ("void ForEach[T](T[] array, System.Action[T] action)",),
              lambda t, a: _l_for_each(_arr_arg(a), a[1:])),
    NetMethod("BinarySearch", ("int BinarySearch(array array, System.Object value)",),
              lambda t, a: _l_binary_search(_arr_arg(a), a[1:])),
    NetMethod("Fill", ("void Fill[T](T[] array, T value)",),
              lambda t, a: (lambda arr: [arr.__setitem__(i, a[1]) for i in range(len(arr))] and None)(_arr_arg(a))),
    NetMethod("CreateInstance", ("array CreateInstance(type elementType, int length)",), _array_create),
    NetMethod("AsReadOnly", ("System.Collections.ObjectModel.ReadOnlyCollection[T] AsReadOnly[T](T[] array)",),
              lambda t, a: list(_arr_arg(a))),
]


def _bool_try_parse(a):
    try:
        v, ok = _convert_to_bool(None, [a_str(a, 0)]), True
    except PSException:
        v, ok = False, False
    _set_ref(a[-1], v)
    return ok


def _try(fn, ref, default):
    try:
        v, ok = fn(), True
    except PSException:
        v, ok = default, False
    _set_ref(ref, v)
    return ok


def _uri_well_formed(a):
    try:
        u = PSUri(a_str(a, 0), C.to_string(a[1]))
        return " " not in a_str(a, 0)
    except PSException:
        return False


def _arraylist_new(args) -> PSList:
    lst = PSList()
    if args:
        first = unwrap(args[0])
        if isinstance(first, (list, tuple, Hashtable)) or getattr(first, "ps_enumerate", None) is not None:
            lst.extend(_enum_items(first))
        elif first is None:
            raise ArgumentNullException("Value cannot be null. (Parameter 'c')")
    return lst


_build_registry()


# ==============================================================================================
# Resolution

def _lookup_plain(key: str) -> Optional[PSType]:
    """A non-generic, non-array type by folded name (full name, accelerator, System.-less name)."""
    cached = _RESOLVED.get(key, _MISSING)
    if cached is not _MISSING:
        return cached
    with _LOCK:
        cached = _RESOLVED.get(key, _MISSING)
        if cached is not _MISSING:
            return cached
        t = _build_plain(key)
        _RESOLVED[key] = t
        return t


def _build_plain(key: str) -> Optional[PSType]:
    target = _ACCEL.get(key)
    if target is not None:
        if target == key:
            return _DEFS[target]()
        return _lookup_plain_nocache(target)
    t = _lookup_plain_nocache(key)
    if t is None and not key.startswith("system."):
        t = _lookup_plain_nocache("system." + key)
    return t


def _lookup_plain_nocache(key: str) -> Optional[PSType]:
    cached = _RESOLVED.get(key, _MISSING)
    if cached is not _MISSING and cached is not None:
        return cached
    klass = E.DOTNET_EXCEPTION_TYPES.get(key)
    if klass is not None:
        t = ExceptionType(klass)
        _RESOLVED[key] = t
        return t
    factory = _DEFS.get(key)
    if factory is not None:
        t = factory()
        _RESOLVED[key] = t
        return t
    return None


def resolve_type(name: Any, namespaces: Iterable[str] = ()) -> Optional[PSType]:
    """A type from its name (str or an AST TypeName); None when unknown. `namespaces`: `using namespace` list."""
    if isinstance(name, PSType):
        return name
    if isinstance(name, str):
        key = name.casefold()
        t = _RESOLVED.get(key)
        if t is not None:
            return t
        parsed = parse_type_name(name)
    else:
        text = getattr(name, "full_text", None) or getattr(name, "name", "")
        key = text.casefold()
        t = _RESOLVED.get(key)
        if t is not None:
            return t
        parsed = _from_ast(name)
    t = _resolve_parsed(parsed, tuple(namespaces))
    if t is not None and not namespaces:
        _RESOLVED[key] = t
    return t


def _from_ast(tn: Any) -> tuple:
    args = [_from_ast(a) for a in (getattr(tn, "generic_args", ()) or ())]
    base_name = tn.name
    if not args and "[" in base_name:
        return parse_type_name(base_name + ("[]" * (getattr(tn, "array_rank", 0) or 0) if False else base_name))
    return (base_name, args, getattr(tn, "array_rank", 0) or 0)


def _resolve_parsed(parsed: tuple, namespaces: tuple = ()) -> Optional[PSType]:
    name, args, rank = parsed
    if rank:
        element = _resolve_parsed((name, args, 0), namespaces)
        return array_of(element, rank) if element is not None else None
    if args:
        arg_types = []
        for a in args:
            at = _resolve_parsed(a, namespaces)
            if at is None:
                return None
            arg_types.append(at)
        base = name.casefold()
        if "`" in base:
            base = base.split("`")[0]
        arity = len(arg_types)
        candidates = [base, "system." + base] + [ns.casefold() + "." + base for ns in namespaces]
        for c in candidates:
            key = f"{c}`{arity}"
            if key in _GENERIC_DEFS:
                gkey = _generic_full(key, tuple(arg_types)).casefold()
                with _LOCK:
                    t = _RESOLVED.get(gkey)
                    if t is None:
                        t = make_generic(key, arg_types)
                        if t is not None:
                            _RESOLVED[gkey] = t
                            _RESOLVED[t.full_name.casefold()] = t
                if t is not None:
                    return t
        return None
    key = name.casefold().strip()
    t = _lookup_plain(key)
    if t is None:
        for ns in namespaces:
            t = _lookup_plain(ns.casefold() + "." + key)
            if t is not None:
                break
    return t


def type_of(value: Any) -> PSType:
    """The type of a value (`.GetType()`)."""
    from pslark.runtime.members import type_names
    value = unwrap(value)
    if value is None or value is AUTOMATION_NULL:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull",
                               category="InvalidOperation")
    if isinstance(value, PSObject):
        if value.type_names and str(value.type_names[0]).startswith("Deserialized."):
            return resolve_type("System.Management.Automation.PSObject")      # what GetType() says in pwsh
        return resolve_type("System.Management.Automation.PSCustomObject")
    if isinstance(value, EnumValue):
        return value.ps_enum
    if isinstance(value, BaseException) and isinstance(value, PSException):
        return resolve_type(type(value).dotnet_type) or ExceptionType(type(value))
    names = type_names(value)
    first = names[0] if names else "System.Object"
    t = resolve_type(first)
    if t is not None:
        return t
    return _synthetic_type(first, names[1] if len(names) > 1 else "System.Object")


def _synthetic_type(full: str, base: str) -> PSType:
    key = full.casefold()
    with _LOCK:
        t = _RESOLVED.get(key)
        if t is None:
            t = PSType(full, base=base if base != full else "System.Object",
                       assembly=SMA if ".Automation." in full or full.startswith("Microsoft.PowerShell") else CORELIB)
            _RESOLVED[key] = t
    return t


def accelerator_names() -> dict:
    """Accelerator -> full name (for [psobject].Assembly.GetType('...TypeAccelerators')::Get)."""
    out = {}
    for a, target in _ACCEL.items():
        t = _lookup_plain(a)
        if t is not None:
            out[a] = t
    return out
