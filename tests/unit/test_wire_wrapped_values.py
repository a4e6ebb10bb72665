"""Plain values with note properties on the wire, and the remoting decoration of results (decorate_result)."""
from __future__ import annotations

import json
import uuid

from pslark.runtime.jobs.processjob import decorate_result
from pslark.runtime.objects import Hashtable, PSList, PSObject
from pslark.runtime.wire.serialization import DeserializedObject, decode, encode


def _round_trip(value):
    return decode(json.loads(json.dumps(encode(value))))


def _wrapped(base, **notes):
    obj = PSObject(type_names=["System.String", "System.Object"] if isinstance(base, str) else None, base=base)
    for k, v in notes.items():
        obj.add_property(k, v)
    return obj


def test_a_wrapped_string_keeps_its_value_and_notes():
    back = _round_trip(_wrapped("abc", PSComputerName="h", ReadCount=3))
    assert isinstance(back, PSObject) and back.base == "abc"
    assert back.items() == [("PSComputerName", "h"), ("ReadCount", 3)]
    assert back.type_names[0] == "System.String"


def test_a_wrapper_without_notes_is_the_plain_value():
    assert encode(_wrapped(5)) == 5
    assert _round_trip(_wrapped("x")) == "x"


def test_a_wrapped_list_stays_a_list_and_a_wrapped_hashtable_keeps_notes():
    back = _round_trip(_wrapped(PSList([1, 2]), X=1))
    assert isinstance(back, list) and list(back) == [1, 2]
    back = _round_trip(_wrapped(Hashtable([("a", 1)]), X=1))
    assert isinstance(back.base, Hashtable) and back.base["A"] == 1 and back.get_property("X") == 1


def test_beyond_the_depth_a_wrapped_number_stays_a_number():
    value = [[_wrapped(7, X=1)]]
    back = _round_trip(value)
    assert back[0] == [7]


def test_malformed_wrapped_values_decode_to_data():
    assert decode({"$": "PSO", "v": None, "p": [["X", 1]]}) is None
    assert decode({"$": "PSO", "v": {"$": "LST", "v": [1]}, "p": [["X", 1]]}) == [1]
    back = decode({"$": "PSO", "v": "s", "p": [[1, 2], ["ok", 1], "junk", ["a", "b", "c"]]})
    assert back.base == "s" and back.items() == [("ok", 1)]


def test_decorate_wraps_plain_values_and_keeps_lists_and_null():
    rid = str(uuid.uuid4())
    value = decorate_result("a", "h", rid, True)
    assert value.base == "a"
    assert value.items() == [("PSComputerName", "h"), ("RunspaceId", uuid.UUID(rid)), ("PSShowComputerName", True)]
    assert value.type_names[0] == "System.String"
    assert decorate_result(None, "h", rid, True) is None
    lst = PSList([1])
    assert decorate_result(lst, "h", rid, True) is lst


def test_decorate_replaces_the_computer_but_keeps_an_existing_show_flag():
    obj = DeserializedObject([("A", 1), ("PSComputerName", "inner"), ("PSShowComputerName", False)])
    value = decorate_result(obj, "outer", None, True)
    assert value.items() == [("A", 1), ("PSShowComputerName", False), ("PSComputerName", "outer"),
                             ("RunspaceId", None)]
    assert value.hidden == frozenset({"psshowcomputername", "pscomputername"})
