"""Pester's Should operators: each returns whether it succeeded and Pester's failure message.

The tests and messages follow Pester 5's src/functions/assertions/*.ps1 word for word. An operator is a
function `(ctx, actual, negate, because, **params) -> (succeeded, message, data)`; the Should cmdlet
(commands.py) binds the parameters and turns a failure into an error record.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Optional

from pslark.runtime.cmdlets.pester.nicely import (
    compare_string_message, format_because, format_nicely, resolve_type_name, type_of_value,
)
from pslark.runtime.errors import ArgumentException, PSException
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSList


class Operator:
    """One Should operator: its name, aliases, parameter names (in positional order) and test function."""

    def __init__(self, name: str, fn: Callable, params: tuple = ("ExpectedValue", "Because"),
                 aliases: tuple = (), array_input: bool = False, switches: tuple = ()):
        self.name = name
        self.fn = fn
        self.params = params
        self.aliases = aliases
        self.array_input = array_input
        self.switches = switches


OPERATORS: dict[str, Operator] = {}


def operator(name: str, params: tuple = ("ExpectedValue", "Because"), aliases: tuple = (),
             array_input: bool = False, switches: tuple = ()):
    def register(fn):
        OPERATORS[name.casefold()] = Operator(name, fn, params, aliases, array_input, switches)
        return fn
    return register


def find_operator(name: str) -> Optional[Operator]:
    key = name.casefold()
    op = OPERATORS.get(key)
    if op is not None:
        return op
    for candidate in OPERATORS.values():
        if any(a.casefold() == key for a in candidate.aliases):
            return candidate
    return None


# ----------------------------------------------------------------------------------------------
# helpers

def binary(op: str, left: Any, right: Any) -> Any:
    from pslark.runtime.operators import binary as _binary
    return _binary(op, left, right)


def truthy(value: Any) -> bool:
    from pslark.runtime.conversion import to_bool
    return to_bool(value)


def is_array(value: Any) -> bool:
    """`-is [Array]`: PowerShell arrays (not ArrayList)."""
    return isinstance(value, (list, tuple)) and not isinstance(value, PSList)


def as_object_array(value: Any) -> Optional[list]:
    """The `[object[]]` parameter conversion: $null stays $null, a collection becomes its items."""
    if value is None or value is AUTOMATION_NULL:
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def unroll(value: Any) -> Any:
    """`$($value)`: an empty array is $null, a one-element array its element."""
    if isinstance(value, (list, tuple)) and not isinstance(value, PSList):
        if len(value) == 0:
            return None
        if len(value) == 1:
            return value[0]
    return value


def _null_or_empty(items: Optional[list]) -> bool:
    return items is None or len(items) == 0 or (len(items) == 1 and items[0] is None)


def arrays_are_equal(first: Any, second: Any, case_sensitive: bool = False, depth: int = 0) -> bool:
    """Pester's ArraysAreEqual (with `$Expected -eq $Actual` for the elements)."""
    depth += 1
    if depth > 100:
        raise PSException(f"Reached the recursion depth limit of 100 when comparing arrays {first} and {second}. "
                          f"Is one of your arrays cyclic?")
    a = as_object_array(first)
    b = as_object_array(second)
    a_empty = _null_or_empty(a)
    b_empty = _null_or_empty(b)
    if a_empty or b_empty:
        return a_empty and b_empty
    if len(a) != len(b):
        return False
    op = "-ceq" if case_sensitive else "-eq"
    for x, y in zip(a, b):
        if is_array(x) or is_array(y):
            if not arrays_are_equal(x, y, case_sensitive, depth):
                return False
        elif not truthy(binary(op, y, x)):
            return False
    return True


def ok(data: Any = None):
    return True, "", data


def fail(message: str):
    return False, message, None


# ----------------------------------------------------------------------------------------------
# Be, BeExactly

def _be_failure(actual: Any, expected: Any, because: Any, exactly: bool, width: int, depth: int) -> str:
    actual = unroll(actual)
    expected = unroll(expected)
    if not (isinstance(expected, str) and isinstance(actual, str)):
        word = "exactly " if exactly else ""
        return f"Expected {word}{format_nicely(expected)},{format_because(because)} but got {format_nicely(actual)}."
    return "\n".join(compare_string_message(expected, actual, exactly, because, width, depth))


@operator("Be", aliases=("EQ",), array_input=True)
def should_be(ctx, actual, negate, because, ExpectedValue=None, **_):
    succeeded = arrays_are_equal(actual, ExpectedValue)
    if negate:
        succeeded = not succeeded
    if succeeded:
        return ok()
    if negate:
        return fail(f"Expected {format_nicely(ExpectedValue)} to be different from the actual value,"
                    f"{format_because(because)} but got the same value.")
    return fail(_be_failure(actual, ExpectedValue, because, False, *_layout(ctx)))


@operator("BeExactly", aliases=("CEQ",), array_input=True)
def should_be_exactly(ctx, actual, negate, because, ExpectedValue=None, **_):
    succeeded = arrays_are_equal(actual, ExpectedValue, case_sensitive=True)
    if negate:
        succeeded = not succeeded
    if succeeded:
        return ok()
    if negate:
        return fail(f"Expected {format_nicely(ExpectedValue)} to be different from the actual value,"
                    f"{format_because(because)} but got exactly the same value.")
    return fail(_be_failure(actual, ExpectedValue, because, True, *_layout(ctx)))


def _layout(ctx) -> tuple[int, int]:
    """(line width, depth of the current test) for the string diff's excerpt."""
    width = 80
    depth = 1
    try:
        width = int(ctx.host.width) or 80
    except Exception:       # noqa: BLE001
        pass
    try:
        from pslark.runtime.cmdlets.pester.state import current_test
        test = current_test(ctx)
        if test is not None:
            depth = len(test.path)
    except Exception:       # noqa: BLE001
        pass
    return width, depth


# ----------------------------------------------------------------------------------------------
# comparisons

def _comparison(name: str, alias: str, failing_op: str, relation: str, opposite: str):
    """Should -BeGreaterThan and friends: fail when `failing_op` holds; -Not is the opposite operator."""
    @operator(name, aliases=(alias,))
    def check(ctx, actual, negate, because, ExpectedValue=None, **_):
        if negate:
            return OPERATORS[opposite.casefold()].fn(ctx, actual, False, because, ExpectedValue)
        if truthy(binary(failing_op, actual, ExpectedValue)):
            return fail(f"Expected the actual value to be {relation} {format_nicely(ExpectedValue)},"
                        f"{format_because(because)} but got {format_nicely(actual)}.")
        return ok()
    return check


should_be_greater_than = _comparison("BeGreaterThan", "GT", "-le", "greater than", "BeLessOrEqual")
should_be_less_or_equal = _comparison("BeLessOrEqual", "LE", "-gt", "less than or equal to", "BeGreaterThan")
should_be_less_than = _comparison("BeLessThan", "LT", "-ge", "less than", "BeGreaterOrEqual")
should_be_greater_or_equal = _comparison("BeGreaterOrEqual", "GE", "-lt", "greater than or equal to", "BeLessThan")


# ----------------------------------------------------------------------------------------------
# wildcards and regular expressions

def _pattern_match(name: str, op: str, what: str, verb: str, param: str = "ExpectedValue", aliases: tuple = ()):
    """Should -BeLike / -Match and their case-sensitive forms: `actual <op> pattern`, Pester's messages."""
    @operator(name, params=(param, "Because"), aliases=aliases)
    def check(ctx, actual, negate, because, **kw):
        pattern = kw.get(param)
        if truthy(binary(op, actual, pattern)) != negate:
            return ok()
        outcome = "it did match" if negate else "it did not match"
        return fail(f"Expected {what} {format_nicely(pattern)} to {'not ' if negate else ''}{verb} "
                    f"{format_nicely(actual)},{format_because(because)} but {outcome}.")
    return check


should_be_like = _pattern_match("BeLike", "-like", "like wildcard", "match")
should_be_like_exactly = _pattern_match("BeLikeExactly", "-clike", "case sensitive like wildcard", "match")
should_match = _pattern_match("Match", "-match", "regular expression", "match", param="RegularExpression")
should_match_exactly = _pattern_match("MatchExactly", "-cmatch", "regular expression", "case sensitively match",
                                      param="RegularExpression", aliases=("CMATCH",))


# ----------------------------------------------------------------------------------------------
# collections

@operator("BeIn")
def should_be_in(ctx, actual, negate, because, ExpectedValue=None, **_):
    succeeded = truthy(binary("-contains", ExpectedValue, actual)) != negate
    if succeeded:
        return ok()
    if negate:
        return fail(f"Expected collection {format_nicely(ExpectedValue)} to not contain {format_nicely(actual)},"
                    f"{format_because(because)} but it was found.")
    return fail(f"Expected collection {format_nicely(ExpectedValue)} to contain {format_nicely(actual)},"
                f"{format_because(because)} but it was not found.")


@operator("Contain", array_input=True)
def should_contain(ctx, actual, negate, because, ExpectedValue=None, **_):
    succeeded = truthy(binary("-contains", actual, ExpectedValue)) != negate
    if succeeded:
        return ok()
    if negate:
        return fail(f"Expected {format_nicely(ExpectedValue)} to not be found in collection {format_nicely(actual)},"
                    f"{format_because(because)} but it was found.")
    return fail(f"Expected {format_nicely(ExpectedValue)} to be found in collection {format_nicely(actual)},"
                f"{format_because(because)} but it was not found.")


def _count_of(value: Any) -> int:
    if value is None or value is AUTOMATION_NULL:
        return 0
    if isinstance(value, (list, tuple)):
        return len(value)
    if isinstance(value, Hashtable):
        return len(value)
    return 1


@operator("HaveCount", array_input=True)
def should_have_count(ctx, actual, negate, because, ExpectedValue=None, **_):
    from pslark.runtime.conversion import to_int
    expected = to_int(ExpectedValue) if ExpectedValue is not None else 0
    if expected < 0:
        raise ArgumentException("Excpected collection size must be greater than or equal to 0.")
    count = _count_of(actual)
    empty_expected = expected == 0
    succeeded = (count == expected) != negate
    if succeeded:
        return ok()
    if negate:
        expect = "Expected a non-empty collection" if empty_expected else \
            f"Expected a collection with size different from {format_nicely(expected)}"
        but = f"but got collection with that size {format_nicely(actual)}." if count != 0 else \
            "but got an empty collection."
    else:
        expect = "Expected an empty collection" if empty_expected else \
            f"Expected a collection with size {format_nicely(expected)}"
        but = f"but got collection with size {format_nicely(count)} {format_nicely(actual)}." if count != 0 else \
            "but got an empty collection."
    return fail(f"{expect},{format_because(because)} {but}")


@operator("BeNullOrEmpty", params=("Because",), array_input=True)
def should_be_null_or_empty(ctx, actual, negate, because, **_):
    items = as_object_array(actual)
    if items is None or len(items) == 0:
        succeeded = True
    elif len(items) == 1:
        value = items[0]
        if isinstance(value, Hashtable):
            succeeded = len(value) == 0
        else:
            succeeded = value is None or value is AUTOMATION_NULL or (isinstance(value, str) and value == "")
    else:
        succeeded = False
    if succeeded != negate:
        return ok()
    if negate:
        return fail(f"Expected a value,{format_because(because)} but got $null or empty.")
    return fail(f"Expected $null or empty,{format_because(because)} but got {format_nicely(actual)}.")


# ----------------------------------------------------------------------------------------------
# booleans and types

@operator("BeTrue", params=("Because",))
def should_be_true(ctx, actual, negate, because, **_):
    if negate:
        return should_be_false(ctx, actual, False, because)
    if not truthy(actual):
        return fail(f"Expected $true,{format_because(because)} but got {format_nicely(actual)}.")
    return ok()


@operator("BeFalse", params=("Because",))
def should_be_false(ctx, actual, negate, because, **_):
    if negate:
        return should_be_true(ctx, actual, False, because)
    if truthy(actual):
        return fail(f"Expected $false,{format_because(because)} but got {format_nicely(actual)}.")
    return ok()


@operator("BeOfType", params=("ExpectedType", "Because"), aliases=("HaveType",))
def should_be_of_type(ctx, actual, negate, because, ExpectedType=None, **_):
    expected = ExpectedType
    if isinstance(expected, str):
        parsed = resolve_type_name(expected)
        if parsed is None:
            raise ArgumentException("Could not find type []. Make sure that the assembly that contains that type "
                                    "is loaded.")
        expected = parsed
    if expected is None:
        raise ArgumentException("Could not find type []. Make sure that the assembly that contains that type "
                                "is loaded.")
    succeeded = truthy(binary("-is", actual, expected)) != negate
    if succeeded:
        return ok()
    actual_type = type_of_value(actual) if actual is not None else None
    word = "to not have" if negate else "to have"
    return fail(f"Expected the value {word} type {format_nicely(expected)} or any of its subtypes,"
                f"{format_because(because)} but got {format_nicely(actual)} with type {format_nicely(actual_type)}.")


# ----------------------------------------------------------------------------------------------
# Throw

def _join_and(items: list[str]) -> str:
    if len(items) < 2:
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _exception_line(record) -> str:
    """Get-ExceptionLineInfo: the error's position message with `At` turned into `from`."""
    info = getattr(record, "invocation_info", None) if record is not None else None
    if info is None or info.extent is None:
        return ""
    try:
        text = info.position_message()
    except Exception:       # noqa: BLE001
        return ""
    lines = [line for line in text.splitlines() if line.strip()]
    joined = "\n".join(lines)
    if joined.startswith("At "):
        joined = "from " + joined[3:]
    return joined.replace("\n", "\n    ")


def _wildcard_match(text: str, pattern: str) -> bool:
    return truthy(binary("-like", text, pattern))


def _unescape_wildcard(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "`" and i + 1 < len(pattern):
            out.append(pattern[i + 1])
            i += 2
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


@operator("Throw", params=("ExpectedMessage", "ErrorId", "ExceptionType", "Because", "PassThru"),
          switches=("PassThru",))
def should_throw(ctx, actual, negate, because, ExpectedMessage=None, ErrorId=None, ExceptionType=None,
                 PassThru=False, **_):
    from pslark.runtime.scriptblock import ScriptBlock
    from pslark.runtime.errors import ErrorRecord
    if isinstance(actual, list) and len(actual) == 1:
        actual = actual[0]
    if actual is None or not isinstance(actual, ScriptBlock):
        raise ArgumentException("Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be "
                                "enclosed in curly braces.")
    thrown = False
    record = None
    exception = None
    message = ""
    error_id = None
    ctx.try_depth += 1            # `try { & $ActualValue } catch { ... }` in Pester
    try:
        actual.invoke_with([], None, new_scope=True)
    except PSException as exc:
        thrown = True
        exception = exc
        record = exc.error_record or ErrorRecord(exc)
        message = exc.message
        error_id = record.fully_qualified_error_id
    except Exception as exc:   # noqa: BLE001 - an interpreter failure inside the block is still "an exception"
        from pslark.runtime.errors import RuntimeException
        thrown = True
        exception = RuntimeException(f"pslark internal error: {type(exc).__name__}: {exc}")
        record = ErrorRecord(exception)
        message = exception.message
        error_id = record.fully_qualified_error_id
    finally:
        ctx.try_depth -= 1
    line = _exception_line(record) if thrown else ""
    if negate:
        if not thrown:
            return ok()
        return fail(f"Expected no exception to be thrown,{format_because(because)} but an exception "
                    f"\"{message}\" was thrown {line}.")
    buts: list[str] = []
    filters: list[str] = []
    if ExceptionType is not None:
        etype = resolve_type_name(ExceptionType) if isinstance(ExceptionType, str) else ExceptionType
        if etype is None:
            from pslark.runtime.errors import ParameterBindingException
            raise ParameterBindingException(
                f"Cannot process argument transformation on parameter 'ExceptionType'. Cannot convert the "
                f"\"{ExceptionType}\" value of type \"System.String\" to type \"System.Type\".",
                error_id="ParameterArgumentTransformationError,Should-Throw", category="InvalidData")
        filters.append(f"type {format_nicely(etype)}")
        if thrown and not truthy(binary("-is", exception, etype)):
            buts.append(f"the exception type was {format_nicely(type_of_value(exception))}")
    if ExpectedMessage is not None and str(ExpectedMessage).strip():
        filters.append(f"message like {format_nicely(_unescape_wildcard(str(ExpectedMessage)))}")
        if thrown and not _wildcard_match(message, str(ExpectedMessage)):
            buts.append(f"the message was {format_nicely(message)}")
    if ErrorId is not None and str(ErrorId).strip():
        filters.append(f"FullyQualifiedErrorId {format_nicely(str(ErrorId))}")
        if thrown and not _wildcard_match(str(error_id), str(ErrorId)):
            buts.append(f"the FullyQualifiedErrorId was {format_nicely(error_id)}")
    if not thrown:
        buts.append("no exception was thrown")
    if buts:
        flt = _join_and(filters)
        text = (f"Expected an exception{' with ' + flt if flt else ''} to be thrown,{format_because(because)} "
                f"but {_join_and(buts)}. {line}").strip()
        return fail(text)
    return ok(record if PassThru else None)


# ----------------------------------------------------------------------------------------------
# files

def _path_of(ctx, value: Any) -> str:
    from pslark.runtime.conversion import to_string
    text = to_string(value)
    try:
        from pslark.runtime.paths import to_provider_path
        return to_provider_path(ctx.session, text)
    except Exception:       # noqa: BLE001
        return ctx.session.resolve_path(text)


def _test_path(ctx, value: Any, literal: bool) -> bool:
    if value is None or value == "":
        return False
    if not literal:
        from pslark.runtime.wildcard import has_wildcard
        from pslark.runtime.conversion import to_string
        text = to_string(value)
        if has_wildcard(text):
            try:
                from pslark.runtime.paths import expand_wildcards
                return any(os.path.exists(p) for p in expand_wildcards(ctx.session, text))
            except Exception:   # noqa: BLE001
                return False
    return os.path.exists(_path_of(ctx, value))


@operator("Exist", params=("Because", "LiteralPath"), switches=("LiteralPath",))
def should_exist(ctx, actual, negate, because, LiteralPath=False, **_):
    succeeded = _test_path(ctx, actual, bool(LiteralPath)) != negate
    if succeeded:
        return ok()
    if negate:
        return fail(f"Expected path {format_nicely(actual)} to not exist,{format_because(because)} but it did exist.")
    return fail(f"Expected path {format_nicely(actual)} to exist,{format_because(because)} but it did not exist.")


def _read_lines(ctx, value: Any) -> Optional[list[str]]:
    path = _path_of(ctx, value)
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return fh.read().splitlines()
    except OSError:
        return None


def _read_text(ctx, value: Any) -> Optional[str]:
    path = _path_of(ctx, value)
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def _file_missing(ctx, value: Any):
    from pslark.runtime.errors import ItemNotFoundException
    path = _path_of(ctx, value)
    raise ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.", error_id="PathNotFound",
                                category="ObjectNotFound", target=path)


def _any_line_matches(ctx, actual, pattern, op: str) -> bool:
    lines = _read_lines(ctx, actual)
    if lines is None:
        _file_missing(ctx, actual)
    return any(truthy(binary(op, line, pattern)) for line in lines)


@operator("FileContentMatch", params=("ExpectedContent", "Because"))
def should_file_content_match(ctx, actual, negate, because, ExpectedContent=None, **_):
    from pslark.runtime.conversion import to_string
    succeeded = _any_line_matches(ctx, actual, ExpectedContent, "-match") != negate
    if succeeded:
        return ok()
    word = "to not be found" if negate else "to be found"
    result = "but it was found." if negate else "but it was not found."
    return fail(f"Expected {format_nicely(ExpectedContent)} {word} in file '{to_string(actual)}',"
                f"{format_because(because)} {result}")


@operator("FileContentMatchExactly", params=("ExpectedContent", "Because"))
def should_file_content_match_exactly(ctx, actual, negate, because, ExpectedContent=None, **_):
    succeeded = _any_line_matches(ctx, actual, ExpectedContent, "-cmatch") != negate
    if succeeded:
        return ok()
    word = "to not be case sensitively found" if negate else "to be case sensitively found"
    result = "but it was found." if negate else "but it was not found."
    return fail(f"Expected {format_nicely(ExpectedContent)} {word} in file {format_nicely(actual)},"
                f"{format_because(because)} {result}")


def _multiline(ctx, actual, negate, because, pattern, op: str):
    text = _read_text(ctx, actual)
    if text is None:
        _file_missing(ctx, actual)
    succeeded = truthy(binary(op, text, pattern)) != negate
    if succeeded:
        return ok()
    word = "to not be found" if negate else "to be found"
    result = "but it was found." if negate else "but it was not found."
    return fail(f"Expected {format_nicely(pattern)} {word} in file {format_nicely(actual)},"
                f"{format_because(because)} {result}")


@operator("FileContentMatchMultiline", params=("ExpectedContent", "Because"))
def should_file_content_match_multiline(ctx, actual, negate, because, ExpectedContent=None, **_):
    return _multiline(ctx, actual, negate, because, ExpectedContent, "-match")


@operator("FileContentMatchMultilineExactly", params=("ExpectedContent", "Because"))
def should_file_content_match_multiline_exactly(ctx, actual, negate, because, ExpectedContent=None, **_):
    return _multiline(ctx, actual, negate, because, ExpectedContent, "-cmatch")


# ----------------------------------------------------------------------------------------------
# mocks (the registry lives in mocks.py)

@operator("Invoke", params=("CommandName", "Times", "ParameterFilter", "ExclusiveFilter", "ModuleName", "Scope",
                            "Exactly", "Because"), switches=("Exactly",))
def should_invoke(ctx, actual, negate, because, CommandName=None, Times=1, ParameterFilter=None,
                  ExclusiveFilter=None, ModuleName=None, Scope=None, Exactly=False, **kw):
    from pslark.runtime.cmdlets.pester.mocks import assert_invoked
    return assert_invoked(ctx, CommandName, Times, ParameterFilter, ExclusiveFilter, ModuleName, Scope,
                          bool(Exactly), negate, because, times_bound=kw.get("_times_bound", True))


@operator("InvokeVerifiable", params=("Because",))
def should_invoke_verifiable(ctx, actual, negate, because, **_):
    from pslark.runtime.cmdlets.pester.mocks import assert_verifiable
    return assert_verifiable(ctx, negate, because)


# the value-parameter names Should accepts, and which of them are switches
VALUE_PARAMETERS = ("ExpectedValue", "Because", "RegularExpression", "ExpectedType", "ExpectedMessage", "ErrorId",
                    "ExceptionType", "ExpectedContent", "CommandName", "Times", "ParameterFilter",
                    "ExclusiveFilter", "ModuleName", "Scope")
SWITCH_PARAMETERS = ("PassThru", "LiteralPath", "Exactly")
