"""The objects a `dynamicparam` block builds: RuntimeDefinedParameter(Dictionary) and the attribute objects
([Parameter], [Alias], [ValidateSet] ...) as .NET values, plus `parameter_from(rdp)`, which turns one into
the binder's `Parameter`. Registered lazily by runtime/types.py."""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime import conversion as C
from pslark.runtime.cmdlet import ALL_SETS, Parameter
from pslark.runtime.types import SMA, GenericDictionary, NetObject, PSType, a_str, resolve_type, unwrap

_INT_MIN = -2147483648


# ------------------------------------------------------------------------------------------------
# attribute objects

class AttributeValue(NetObject):
    """A .NET attribute object: settable named properties, positional constructor arguments."""

    __slots__ = ("type_name", "fields")
    defaults: dict = {}
    kind = ""

    def __init__(self, type_name: str, fields: dict):
        self.type_name = type_name
        self.fields = fields

    @property
    def type_names(self):
        return [self.type_name, "System.Attribute", "System.Object"]

    @property
    def ps_properties(self):
        return tuple(self.fields) + ("TypeId",)

    def ps_get(self, name: str) -> Any:
        for k, v in self.fields.items():
            if k.casefold() == name.casefold():
                return v
        if name.casefold() == "typeid":
            return resolve_type(self.type_name)
        raise AttributeError(name)

    def ps_set(self, name: str, value: Any) -> bool:
        for k, v in self.fields.items():
            if k.casefold() == name.casefold():
                self.fields[k] = _convert_field(v, value)
                return True
        return False

    def ps_to_string(self) -> str:
        return self.type_name

    def field(self, name: str) -> Any:
        return self.fields.get(name)


def _convert_field(old: Any, value: Any) -> Any:
    if isinstance(old, bool):
        return C.to_bool(value)
    if isinstance(old, int):
        return C.to_int(value)
    if isinstance(old, list):
        value = unwrap(value)
        return [C.to_string(v) for v in (value if isinstance(value, list) else [value])]
    return None if value is None else C.to_string(unwrap(value))


def _strings(args: list) -> list:
    out = []
    for a in args:
        a = unwrap(a)
        out.extend(C.to_string(x) for x in (a if isinstance(a, list) else [a]))
    return out


def _parameter_attr(args):
    return AttributeValue("System.Management.Automation.ParameterAttribute", {
        "Position": _INT_MIN, "ParameterSetName": ALL_SETS, "Mandatory": False, "ValueFromPipeline": False,
        "ValueFromPipelineByPropertyName": False, "ValueFromRemainingArguments": False, "HelpMessage": None,
        "HelpMessageBaseName": None, "HelpMessageResourceId": None, "DontShow": False})


_ATTRIBUTES = {
    # short name: (constructor definitions, builder from the constructor arguments)
    "Parameter": (("System.Management.Automation.ParameterAttribute new()",), _parameter_attr),
    "Alias": (("System.Management.Automation.AliasAttribute new(Params string[] aliasNames)",),
              lambda a: AttributeValue("System.Management.Automation.AliasAttribute", {"AliasNames": _strings(a)})),
    "ValidateSet": (("System.Management.Automation.ValidateSetAttribute new(Params string[] validValues)",),
                    lambda a: AttributeValue("System.Management.Automation.ValidateSetAttribute",
                                             {"ValidValues": _strings(a), "IgnoreCase": True, "ErrorMessage": None})),
    "ValidateNotNullOrEmpty": (("System.Management.Automation.ValidateNotNullOrEmptyAttribute new()",),
                               lambda a: AttributeValue("System.Management.Automation.ValidateNotNullOrEmptyAttribute",
                                                        {})),
    "ValidateNotNull": (("System.Management.Automation.ValidateNotNullAttribute new()",),
                        lambda a: AttributeValue("System.Management.Automation.ValidateNotNullAttribute", {})),
    "AllowNull": (("System.Management.Automation.AllowNullAttribute new()",),
                  lambda a: AttributeValue("System.Management.Automation.AllowNullAttribute", {})),
    "AllowEmptyString": (("System.Management.Automation.AllowEmptyStringAttribute new()",),
                         lambda a: AttributeValue("System.Management.Automation.AllowEmptyStringAttribute", {})),
    "AllowEmptyCollection": (("System.Management.Automation.AllowEmptyCollectionAttribute new()",),
                             lambda a: AttributeValue("System.Management.Automation.AllowEmptyCollectionAttribute",
                                                      {})),
    "ValidateRange": (("System.Management.Automation.ValidateRangeAttribute new(System.Object minRange, "
                       "System.Object maxRange)",),
                      lambda a: AttributeValue("System.Management.Automation.ValidateRangeAttribute",
                                               {"MinRange": unwrap(a[0]), "MaxRange": unwrap(a[1])})),
    "ValidateCount": (("System.Management.Automation.ValidateCountAttribute new(int minLength, int maxLength)",),
                      lambda a: AttributeValue("System.Management.Automation.ValidateCountAttribute",
                                               {"MinLength": C.to_int(a[0]), "MaxLength": C.to_int(a[1])})),
    "ValidateLength": (("System.Management.Automation.ValidateLengthAttribute new(int minLength, int maxLength)",),
                       lambda a: AttributeValue("System.Management.Automation.ValidateLengthAttribute",
                                                {"MinLength": C.to_int(a[0]), "MaxLength": C.to_int(a[1])})),
    "ValidatePattern": (("System.Management.Automation.ValidatePatternAttribute new(string regexPattern)",),
                        lambda a: AttributeValue("System.Management.Automation.ValidatePatternAttribute",
                                                 {"RegexPattern": a_str(a, 0, "regexPattern"), "Options": 1,
                                                  "ErrorMessage": None})),
}


def attribute_types() -> list:
    """(full name, factory, accelerators) for runtime/types.py's registry."""
    out = [("System.Attribute", lambda: PSType("System.Attribute", abstract=True,
                                               check=lambda v: isinstance(v, AttributeValue)), ())]
    for short, (defs, build) in _ATTRIBUTES.items():
        full = f"System.Management.Automation.{short}Attribute"

        def factory(full=full, defs=defs, build=build):
            ctor = lambda args, build=build: build(list(args))   # noqa: E731 - the constructor table entry
            ctor.definitions = defs
            return PSType(full, base="System.Attribute", assembly=SMA, ctor=ctor,
                          check=lambda v, full=full: isinstance(v, AttributeValue) and v.type_name == full)
        out.append((full, factory, (short, short + "Attribute")))
    out.append(("System.Management.Automation.RuntimeDefinedParameter", _rdp_type, ()))
    out.append(("System.Management.Automation.RuntimeDefinedParameterDictionary", _rdp_dictionary_type, ()))
    return out


# ------------------------------------------------------------------------------------------------
# RuntimeDefinedParameter(Dictionary)

class RuntimeDefinedParameter(NetObject):
    __slots__ = ("name", "parameter_type", "attributes", "value", "is_set")
    type_names = ["System.Management.Automation.RuntimeDefinedParameter", "System.Object"]
    ps_properties = ("Name", "ParameterType", "Value", "IsSet", "Attributes")

    def __init__(self, name: str = "", parameter_type: Optional[PSType] = None, attributes: Any = None):
        from pslark.runtime.objects import PSList
        self.name = name
        self.parameter_type = parameter_type
        items = unwrap(attributes)
        self.attributes = items if isinstance(items, list) else PSList([] if items is None else [items])
        self.value = None
        self.is_set = False

    def ps_to_string(self) -> str:
        return "System.Management.Automation.RuntimeDefinedParameter"

    _getters = {"name": lambda s: s.name, "parametertype": lambda s: s.parameter_type, "value": lambda s: s.value,
                "isset": lambda s: s.is_set, "attributes": lambda s: s.attributes}
    _setters = {"name": lambda s, v: setattr(s, "name", C.to_string(v)),
                "parametertype": lambda s, v: setattr(s, "parameter_type", unwrap(v)),
                "value": lambda s, v: (setattr(s, "value", v), setattr(s, "is_set", True)),
                "isset": lambda s, v: setattr(s, "is_set", C.to_bool(v))}


def _rdp_ctor(args: list) -> RuntimeDefinedParameter:
    if not args:
        return RuntimeDefinedParameter()
    t = unwrap(args[1]) if len(args) > 1 else None
    if t is not None and not isinstance(t, PSType):
        t = resolve_type(C.to_string(t))
    return RuntimeDefinedParameter(C.to_string(unwrap(args[0])), t, args[2] if len(args) > 2 else None)


_rdp_ctor.definitions = ("System.Management.Automation.RuntimeDefinedParameter new()",
                         "System.Management.Automation.RuntimeDefinedParameter new(string name, type parameterType, "
                         "System.Collections.ObjectModel.Collection[System.Attribute] attributes)")


def _rdp_type() -> PSType:
    return PSType("System.Management.Automation.RuntimeDefinedParameter", assembly=SMA, ctor=_rdp_ctor,
                  check=lambda v: isinstance(v, RuntimeDefinedParameter))


class RuntimeDefinedParameterDictionary(GenericDictionary):
    """Dictionary[string, RuntimeDefinedParameter] (keys compare case-insensitively), what dynamicparam returns."""

    __slots__ = ()

    def __init__(self, items=()):
        super().__init__(items, key_type=resolve_type("System.String"),
                         type_name="System.Management.Automation.RuntimeDefinedParameterDictionary", ci=True,
                         display_name="System.Management.Automation.RuntimeDefinedParameterDictionary")

    @property
    def type_names(self):
        return ["System.Management.Automation.RuntimeDefinedParameterDictionary",
                "System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib, Version=8.0.0.0, "
                "Culture=neutral, PublicKeyToken=7cec85d7bea7798e],[System.Management.Automation."
                "RuntimeDefinedParameter, System.Management.Automation, Version=7.4.0.0, Culture=neutral, "
                "PublicKeyToken=31bf3856ad364e35]]", "System.Object"]


def _rdp_dictionary_ctor(args: list) -> RuntimeDefinedParameterDictionary:
    return RuntimeDefinedParameterDictionary()


_rdp_dictionary_ctor.definitions = ("System.Management.Automation.RuntimeDefinedParameterDictionary new()",)


def _rdp_dictionary_type() -> PSType:
    return PSType("System.Management.Automation.RuntimeDefinedParameterDictionary", assembly=SMA,
                  ctor=_rdp_dictionary_ctor, check=lambda v: isinstance(v, RuntimeDefinedParameterDictionary))


# ------------------------------------------------------------------------------------------------
# to the binder

def parameter_from(rdp: RuntimeDefinedParameter) -> Parameter:
    """A dynamic parameter as binder metadata: its type, and what its attribute objects say."""
    t = rdp.parameter_type
    type_name = t.full_name if isinstance(t, PSType) else "object"
    p = Parameter(type_name if type_name != "System.Object" else "object", name=rdp.name)
    sets: dict = {}
    for attr in rdp.attributes:
        attr = unwrap(attr)
        if not isinstance(attr, AttributeValue):
            continue
        short = attr.type_name.rsplit(".", 1)[-1][:-len("Attribute")]
        f = attr.fields
        if short == "Parameter":
            info = {"mandatory": bool(f["Mandatory"]), "pipeline": bool(f["ValueFromPipeline"]),
                    "by_property_name": bool(f["ValueFromPipelineByPropertyName"])}
            if f["Position"] != _INT_MIN:
                info["position"] = int(f["Position"])
            if f["ValueFromRemainingArguments"]:
                p.remaining = True
            if f["HelpMessage"]:
                p.help = f["HelpMessage"]
            sets[f["ParameterSetName"] or ALL_SETS] = info
        elif short == "Alias":
            p.aliases = tuple(p.aliases) + tuple(f["AliasNames"])
        elif short == "ValidateSet":
            p.validate_set = tuple(f["ValidValues"])
            if not f["IgnoreCase"]:
                p.validate_set_case_sensitive = True
            if f["ErrorMessage"]:
                p.validate_set_message = f["ErrorMessage"]
        elif short == "ValidateNotNullOrEmpty":
            p.validate_not_null_or_empty = True
        elif short == "ValidateNotNull":
            p.validate_not_null = True
        elif short == "AllowNull":
            p.allow_null = True
        elif short == "AllowEmptyString":
            p.allow_empty_string = True
        elif short == "AllowEmptyCollection":
            p.allow_empty_collection = True
        elif short == "ValidateRange":
            p.validate_range = (f["MinRange"], f["MaxRange"])
        elif short == "ValidateCount":
            p.validate_count = (f["MinLength"], f["MaxLength"])
    if sets:
        p.sets = tuple(sets)
        base = sets.get(ALL_SETS) or next(iter(sets.values()))
        p.mandatory = base.get("mandatory", False)
        p.position = base.get("position")
        p.pipeline = base.get("pipeline", False)
        p.by_property_name = base.get("by_property_name", False)
        p.per_set = {s: i for s, i in sets.items() if s != ALL_SETS}
    p._explicit_position = any("position" in i for i in sets.values())
    return p
