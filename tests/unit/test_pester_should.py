"""Should's failure messages, word for word against Pester 5's (tst/functions/assertions/*.Tests.ps1 and
src/functions/assertions/*.ps1 in pester/Pester), run through the interpreter as a script would."""
from __future__ import annotations

import pytest

from pslark.runtime.cmdlets.pester.nicely import compare_string_message, format_because, format_nicely


def run(script: str) -> list:
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.host import CollectingHost
    engine = get_engine()
    ctx = engine.new_runspace(CollectingHost())
    out: list = []
    engine.run_text(ctx, script, out=out.append)
    return out


def error(script: str):
    """The ErrorRecord `script` throws (caught by try/catch in the script and handed back as is)."""
    from pslark.runtime.errors import ErrorRecord
    out = run(f"try {{ {script}; 'no error' }} catch {{ $_ }}")
    assert out and isinstance(out[-1], ErrorRecord), out
    return out[-1]


def message(assertion: str) -> str:
    """The exception message Should throws for `assertion` (a script fragment that must fail)."""
    record = error(assertion)
    assert record.fully_qualified_error_id == "PesterAssertionFailed", record
    return record.exception.message


def passes(assertion: str) -> bool:
    out = run(f"try {{ {assertion}; 'passed' }} catch {{ $_ }}")
    return out == ["passed"]


# ----------------------------------------------------------------------------------------------
# Be / BeExactly

@pytest.mark.parametrize("assertion", [
    "1 | Should -Be 1", "'A' | Should -Be 'a'", "1 | Should -Not -Be 2", "1 | Should -EQ 1",
    "@(1, 2, 3) | Should -Be @(1, 2, 3)", "'1' | Should -Be 1", "$null | Should -Be $null",
    "@() | Should -Be $null", "'a' | Should -BeExactly 'a'", "'A' | Should -Not -BeExactly 'a'",
    "2.15 | Should -BeExactly 2.15", "Should -Be 5 -ActualValue 5", "5 | Should Be 5", "5 | Should Not Be 4",
])
def test_be_passes(assertion):
    assert passes(assertion)


def test_be_numbers():
    assert message("2 | Should -Be 1") == "Expected 1, but got 2."
    assert message("2 | Should -Be 1 -Because 'reason'") == "Expected 1, because reason, but got 2."
    assert message("$null | Should -Be 1") == "Expected 1, but got $null."
    assert message("1, 2 | Should -Be 1, 3") == "Expected @(1, 3), but got @(1, 2)."


def test_be_strings_show_the_difference():
    assert message("'actual' | Should -Be 'expected'") == (
        "Expected strings to be the same, but they were different.\nExpected length: 8\nActual length:   6\n"
        "Strings differ at index 0.\nExpected: 'expected'\nBut was:  'actual'\n           ^")
    assert message("'x' | Should -Be 'y'") == (
        "Expected strings to be the same, but they were different.\nString lengths are both 1.\n"
        "Strings differ at index 0.\nExpected: 'y'\nBut was:  'x'\n           ^")


def test_be_strings_expand_special_characters():
    lines = compare_string_message("\n\r\b\0\ty", "\n\r\b\0\tx")
    assert lines == ["Expected strings to be the same, but they were different.", "String lengths are both 6.",
                     "Strings differ at index 5.", "Expected: '\\n\\r\\b\\0\\ty'", "But was:  '\\n\\r\\b\\0\\tx'",
                     "           ----------^"]
    assert compare_string_message("123\n789", "123\n456")[-1] == "           -----^"
    assert compare_string_message("abc!\n123", "abcd\n123")[-1] == "           ---^"


@pytest.mark.parametrize("expected, actual, out", [
    ("a" * 65, "a" * 64 + "b", ["String lengths are both 65.", "Strings differ at index 64.",
                                "Expected: '...aaaaaaaaa'", "But was:  '...aaaaaaaab'", "           -----------^"]),
    ("a" * 43 + "b", "a" * 55 + "b", ["Expected length: 44", "Actual length:   56", "Strings differ at index 43.",
                                      "Expected: '...aaaaaaaab'", "But was:  '...aaaaaaaaaaaa...'",
                                      "           -----------^"]),
    ("a" * 9 + "b", "a" * 55 + "b", ["Expected length: 10", "Actual length:   56", "Strings differ at index 9.",
                                     "Expected: 'aaaaaaaaab'", "But was:  'aaaaaaaaaaaaaaa...'",
                                     "           ---------^"]),
])
def test_be_long_strings_are_excerpted(expected, actual, out):
    # Pester's own cases: -MaximumLineLength 35 -ContextLength 3, inside a test two blocks deep
    lines = compare_string_message(expected, actual, max_line_length=35, context_length=3, depth=2)
    assert lines[1:] == out


def test_be_negated_and_exactly():
    assert message("1 | Should -Not -Be 1") == "Expected 1 to be different from the actual value, but got the same value."
    assert message("'a' | Should -BeExactly 'A' -Because 'reason'") == (
        "Expected strings to be the same, because reason, but they were different.\nString lengths are both 1.\n"
        "Strings differ at index 0.\nExpected: 'A'\nBut was:  'a'\n           ^")
    assert message("1 | Should -BeExactly 2") == "Expected exactly 2, but got 1."
    assert message("'a' | Should -Not -BeExactly 'a'") == \
        "Expected 'a' to be different from the actual value, but got exactly the same value."


# ----------------------------------------------------------------------------------------------
# comparisons

def test_comparisons():
    assert message("1 | Should -BeGreaterThan 2") == "Expected the actual value to be greater than 2, but got 1."
    assert message("3 | Should -BeLessOrEqual 2") == \
        "Expected the actual value to be less than or equal to 2, but got 3."
    assert message("3 | Should -BeLessThan 2 -Because 'x'") == \
        "Expected the actual value to be less than 2, because x, but got 3."
    assert message("1 | Should -BeGreaterOrEqual 2") == \
        "Expected the actual value to be greater than or equal to 2, but got 1."
    # -Not turns the operator into its complement
    assert message("3 | Should -Not -BeGreaterThan 2") == \
        "Expected the actual value to be less than or equal to 2, but got 3."
    assert passes("2 | Should -BeGreaterThan 1") and passes("2 | Should -GE 2") and passes("1 | Should -LT 2")


# ----------------------------------------------------------------------------------------------
# wildcards and regular expressions

def test_like_and_match():
    assert message("'abc' | Should -BeLike 'x*'") == \
        "Expected like wildcard 'x*' to match 'abc', but it did not match."
    assert message("'abc' | Should -Not -BeLike 'a*'") == \
        "Expected like wildcard 'a*' to not match 'abc', but it did match."
    assert message("'abc' | Should -BeLikeExactly 'A*'") == \
        "Expected case sensitive like wildcard 'A*' to match 'abc', but it did not match."
    assert message("'abc' | Should -Match 'x'") == "Expected regular expression 'x' to match 'abc', but it did not match."
    assert message("'abc' | Should -Not -Match 'b'") == \
        "Expected regular expression 'b' to not match 'abc', but it did match."
    assert message("'abc' | Should -MatchExactly 'B'") == \
        "Expected regular expression 'B' to case sensitively match 'abc', but it did not match."
    assert message("'abc' | Should -Not -MatchExactly 'b' -Because 'r'") == \
        "Expected regular expression 'b' to not case sensitively match 'abc', because r, but it did match."
    assert passes("'ABC' | Should -BeLike 'a*'") and passes("'ABC' | Should -Match 'b'")


# ----------------------------------------------------------------------------------------------
# collections

def test_contain_and_be_in():
    assert message("1, 2, 3 | Should -Contain 5") == \
        "Expected 5 to be found in collection @(1, 2, 3), but it was not found."
    assert message("1, 2, 3 | Should -Not -Contain 2") == \
        "Expected 2 to not be found in collection @(1, 2, 3), but it was found."
    assert message("5 | Should -BeIn 1, 2") == "Expected collection @(1, 2) to contain 5, but it was not found."
    assert message("1 | Should -Not -BeIn 1, 2") == "Expected collection @(1, 2) to not contain 1, but it was found."


def test_have_count():
    assert message("@(1, 'a', 3, 4) | Should -HaveCount 3 -Because 'reason'") == \
        "Expected a collection with size 3, because reason, but got collection with size 4 @(1, 'a', 3, 4)."
    assert message("@() | Should -HaveCount 3 -Because 'reason'") == \
        "Expected a collection with size 3, because reason, but got an empty collection."
    assert message("@(1) | Should -HaveCount 0 -Because 'reason'") == \
        "Expected an empty collection, because reason, but got collection with size 1 1."
    assert message("@(1, 'a', 3) | Should -Not -HaveCount 3 -Because 'reason'") == \
        "Expected a collection with size different from 3, because reason, but got collection with that size " \
        "@(1, 'a', 3)."
    assert message("@() | Should -Not -HaveCount 0 -Because 'reason'") == \
        "Expected a non-empty collection, because reason, but got an empty collection."
    assert passes("'a' | Should -HaveCount 1")


def test_be_null_or_empty():
    assert message("1 | Should -BeNullOrEmpty -Because 'reason'") == "Expected $null or empty, because reason, but got 1."
    assert message("$null | Should -Not -BeNullOrEmpty -Because 'reason'") == \
        "Expected a value, because reason, but got $null or empty."
    for ok in ("$null | Should -BeNullOrEmpty", "'' | Should -BeNullOrEmpty", "@() | Should -BeNullOrEmpty",
               "@{} | Should -BeNullOrEmpty", "'String' | Should -Not -BeNullOrEmpty",
               "1..5 | Should -Not -BeNullOrEmpty", "($null, $null) | Should -Not -BeNullOrEmpty"):
        assert passes(ok), ok


# ----------------------------------------------------------------------------------------------
# booleans and types

def test_true_false():
    assert message("$false | Should -BeTrue") == "Expected $true, but got $false."
    assert message("'' | Should -BeTrue -Because 'x'") == "Expected $true, because x, but got <empty>."
    assert message("1 | Should -BeFalse") == "Expected $false, but got 1."
    assert message("$true | Should -Not -BeTrue") == "Expected $false, but got $true."


def test_be_of_type():
    assert message("'ab' | Should -BeOfType ([int]) -Because 'reason'") == \
        "Expected the value to have type [int] or any of its subtypes, because reason, but got 'ab' with type [string]."
    assert message("$null | Should -BeOfType ([int]) -Because 'reason'") == \
        "Expected the value to have type [int] or any of its subtypes, because reason, but got $null with type $null."
    assert message("1 | Should -Not -BeOfType ([int]) -Because 'reason'") == \
        "Expected the value to not have type [int] or any of its subtypes, because reason, but got 1 with type [int]."
    assert passes("1 | Should -BeOfType Int") and passes("2.0 | Should -BeOfType ([double])")
    assert passes("'x' | Should -HaveType [string]")


# ----------------------------------------------------------------------------------------------
# Throw

def test_throw_messages():
    assert message("{ } | Should -Throw") == "Expected an exception to be thrown, but no exception was thrown."
    assert message("{ } | Should -Throw -ExpectedMessage 'message'") == \
        "Expected an exception with message like 'message' to be thrown, but no exception was thrown."
    assert message("{ } | Should -Throw -ErrorId 'id'") == \
        "Expected an exception with FullyQualifiedErrorId 'id' to be thrown, but no exception was thrown."
    text = message("{ throw 'error1' } | Should -Throw -ExpectedMessage error2 -Because 'reason'")
    assert text.startswith("Expected an exception with message like 'error2' to be thrown, because reason, "
                           "but the message was 'error1'. from line:1 char:")
    text = message("{ throw 'boom' } | Should -Not -Throw")
    assert text.startswith('Expected no exception to be thrown, but an exception "boom" was thrown from line:1 char:')


def test_throw_passes():
    for ok in ("{ throw } | Should -Throw", "{ throw 'expected error' } | Should -Throw -ExpectedMessage '*error*'",
               "{ throw 'EXPECTED' } | Should -Throw 'expected'", "{ } | Should -Not -Throw",
               "{ throw 'x' } | Should Throw"):
        assert passes(ok), ok


def test_throw_needs_a_script_block():
    record = error("1 | Should -Throw")
    assert record.exception.message == "Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' " \
                                       "must be enclosed in curly braces."
    assert type(record.exception).__name__ == "ArgumentException"


def test_throw_pass_thru_returns_the_error():
    out = run("{ throw 'x' } | Should -Throw -PassThru")
    assert len(out) == 1 and out[0].exception.message == "x"


# ----------------------------------------------------------------------------------------------
# files

def test_exist_and_file_content(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("I am a file.\nsecond line\n", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    assert passes(f"'{f}' | Should -Exist")
    assert message(f"'{missing}' | Should -Exist") == f"Expected path '{missing}' to exist, but it did not exist."
    assert message(f"'{f}' | Should -Not -Exist") == f"Expected path '{f}' to not exist, but it did exist."
    assert passes(f"'{f}' | Should -FileContentMatch 'I Am'")
    assert message(f"'{f}' | Should -FileContentMatch 'xyz'") == \
        f"Expected 'xyz' to be found in file '{f}', but it was not found."
    assert message(f"'{f}' | Should -Not -FileContentMatch 'second'") == \
        f"Expected 'second' to not be found in file '{f}', but it was found."
    assert message(f"'{f}' | Should -FileContentMatchExactly 'I Am'") == \
        f"Expected 'I Am' to be case sensitively found in file '{f}', but it was not found."
    assert passes(f"'{f}' | Should -FileContentMatchMultiline 'file\\.\\nsecond'")


# ----------------------------------------------------------------------------------------------
# formatting helpers

def test_format_nicely():
    from pslark.runtime.objects import Hashtable
    assert format_nicely(None) == "$null"
    assert format_nicely(True) == "$true"
    assert format_nicely("") == "<empty>"
    assert format_nicely("x") == "'x'"
    assert format_nicely(1.5) == "1.5"
    assert format_nicely([1, "a"]) == "@(1, 'a')"
    assert format_nicely([1]) == "1"
    assert format_nicely([]) == "@()"
    assert format_nicely(list(range(12))) == "@(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...2 more)"
    assert format_nicely(Hashtable([("a", 1)])) == "System.Collections.Hashtable"


def test_format_because():
    assert format_because(None) == ""
    assert format_because("  ") == ""
    assert format_because("reason") == " because reason,"
    assert format_because("because reason") == " because reason,"


def test_should_error_record_shape():
    record = error("1 | Should -Be 2")
    assert record.fully_qualified_error_id == "PesterAssertionFailed"
    assert record.category == "InvalidResult"
    target = record.target_object
    assert target["Message"] == "Expected 2, but got 1."
    assert target["LineText"] == "try { 1 | Should -Be 2; 'no error' } catch { $_ }"
    assert target["Line"] == "1"
