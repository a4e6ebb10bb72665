"""Type literals ([int], [string], [System.IO.Path] ...): resolution, conversion and static members."""
from __future__ import annotations

from typing import Any, Optional


class PSType:
    def __init__(self, full_name: str, pytype=None):
        self.full_name = full_name
        self.name = full_name.rsplit(".", 1)[-1]
        self.pytype = pytype

    def is_instance(self, value) -> bool:
        return self.pytype is not None and isinstance(value, self.pytype)

    def convert(self, value):
        return self.pytype(value) if self.pytype else value

    def get_static(self, name):
        raise NotImplementedError(name)

    def set_static(self, name, value):
        raise NotImplementedError(name)

    def invoke_static(self, name, args):
        raise NotImplementedError(name)

    def new(self, args):
        raise NotImplementedError

    def ToString(self):
        return self.full_name

    def __str__(self):
        return self.full_name


_T = {"int": PSType("System.Int32", int), "string": PSType("System.String", str),
      "double": PSType("System.Double", float), "bool": PSType("System.Boolean", bool)}


def resolve_type(name) -> Optional[PSType]:
    n = name if isinstance(name, str) else name.name
    return _T.get(n.lower())


def type_of(value) -> PSType:
    from pslark.runtime.numbers import dotnet_type_name
    return PSType(dotnet_type_name(value) or "System.Object")
