"""Error display (pwsh-output.md §6.2, the ErrorRecord view script of PowerShellCore.format.ps1xml) and the
WARNING/VERBOSE/DEBUG lines (§6.1)."""
from __future__ import annotations

from pslark.interpreter.ast import Extent, SourceText
from pslark.runtime.errors import (ErrorRecord, InvocationInfo, ItemNotFoundException, ParseError, ParseException,
                                   RuntimeException)
from pslark.runtime.formatting import (render_debug, render_error, render_error_lines, render_parse_error,
                                       render_verbose, render_warning)

NOPE = "Cannot find path '/nope' because it does not exist."


def extent(src: SourceText, line: int, col: int, length: int) -> Extent:
    off = src.line_starts()[line - 1] + col - 1
    return Extent(src, off, off + length)


def get_item_error(src: SourceText, line=1, col=1, length=14) -> ErrorRecord:
    exc = ItemNotFoundException(NOPE, error_id="PathNotFound")
    return ErrorRecord(exc, "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand", "ObjectNotFound", "/nope",
                       InvocationInfo("Get-Item", extent(src, line, col, length)))


SCRIPT = SourceText("$x = 1\n\nGet-Item /nope\nthrow 'boom'\n1/0\n", "/tmp/t.ps1")


def test_concise_single_line_from_command_line():
    rec = get_item_error(SourceText("Get-Item /nope"))
    assert render_error(rec) == f"Get-Item: {NOPE}"


def test_concise_script_box():
    rec = get_item_error(SCRIPT, line=3)
    assert render_error(rec) == (f"Get-Item: /tmp/t.ps1:3\nLine |\n   3 |  Get-Item /nope\n     |  ~~~~~~~~~~~~~~\n"
                                 f"     | {NOPE}\n")
    # the boxed form ends with a newline: printed line by line it leaves one empty line, as pwsh's does
    assert render_error_lines(rec)[-1] == ""


def test_tilde_marker_under_the_extent():
    rec = get_item_error(SCRIPT, line=3, col=10, length=5)
    assert render_error(rec).split("\n")[3] == "     |           ~~~~~"


def test_thrown_error_reason_is_exception():
    rec = ErrorRecord(RuntimeException("boom", was_thrown=True), "boom", "OperationStopped", None,
                      InvocationInfo(None, extent(SCRIPT, 4, 1, 12)))
    assert render_error(rec) == "Exception: /tmp/t.ps1:4\nLine |\n   4 |  throw 'boom'\n     |  ~~~~~~~~~~~~\n     | boom\n"


def test_thrown_error_interactive():
    rec = ErrorRecord(RuntimeException("boom", was_thrown=True), "boom", None, None,
                      InvocationInfo(None, Extent(SourceText("throw 'boom'"), 0, 12)))
    assert render_error(rec) == "Exception: boom"


def test_runtime_error_reason_falls_back_to_category_then_reason():
    rec = ErrorRecord(RuntimeException("Attempted to divide by zero."), "RuntimeException", "NotSpecified", None,
                      InvocationInfo(None, extent(SCRIPT, 5, 1, 3)))
    assert render_error(rec).split("\n")[0] == "RuntimeException: /tmp/t.ps1:5"
    rec2 = ErrorRecord(RuntimeException("You cannot call a method on a null-valued expression."), "InvokeMethodOnNull",
                       "InvalidOperation", None, InvocationInfo(None, Extent(SourceText("$null.Foo()"), 0, 11)))
    assert render_error(rec2) == "InvalidOperation: You cannot call a method on a null-valued expression."


def test_message_wrapping_with_bar_prefix():
    msg = "This is a very long message that should be wrapped at the window width because it is longer than the width."
    rec = ErrorRecord(RuntimeException(msg, was_thrown=True), "x", None, None,
                      InvocationInfo(None, extent(SCRIPT, 4, 1, 12)))
    assert render_error(rec, width=40).split("\n")[4:] == [
        "     | This is a very long message that",
        "     | should be wrapped at the window",
        "     | width because it is longer than",
        "     | the width.",
        ""]


def test_newlines_in_message_become_spaces_in_box():
    rec = ErrorRecord(RuntimeException("a\nb\tc", was_thrown=True), "x", None, None,
                      InvocationInfo(None, extent(SCRIPT, 4, 1, 12)))
    assert render_error(rec).split("\n")[4] == "     | a b c"


def test_error_details_message_wins():
    rec = get_item_error(SourceText("Get-Item /nope"))
    rec.error_details_message = "Something friendlier."
    assert render_error(rec) == "Get-Item: Something friendlier."


def test_recommended_action():
    rec = get_item_error(SourceText("Get-Item /nope"))
    rec.recommended_action = "Check the path."
    assert render_error(rec) == f"Get-Item: {NOPE}\n  Recommendation: Check the path."


def test_line_numbers_over_four_digits_shift_the_header():
    src = SourceText("\n" * 12344 + "Get-Item /nope", "/tmp/big.ps1")
    lines = render_error(get_item_error(src, line=12345)).split("\n")
    assert lines[1:4] == [" Line |", "12345 |  Get-Item /nope", "      |  ~~~~~~~~~~~~~~"]


def test_module_errors_show_no_box():
    src = SourceText("\nGet-Item /nope", "/tmp/m.psm1")
    assert render_error(get_item_error(src, line=2)) == f"Get-Item: {NOPE}\n"


def test_parser_error_box_from_file():
    src = SourceText("if ($x {\n}", "/tmp/p.ps1")
    pe = ParseError(Extent(src, 7, 7), "MissingEndParenthesisInIfStatement",
                    "Missing closing ')' after expression in 'if' statement.")
    assert render_parse_error(ParseException([pe])) == (
        "ParserError: /tmp/p.ps1:1\nLine |\n   1 |  if ($x {\n     |         ~\n"
        "     | Missing closing ')' after expression in 'if' statement.\n")


def test_parser_error_from_command_line_has_bare_header():
    src = SourceText("if (")
    pe = ParseError(Extent(src, 4, 4), "IfStatementMissingCondition", "Missing condition in if statement after 'if ('.")
    rec = ErrorRecord(ParseException([pe]), "IfStatementMissingCondition", "ParserError")
    assert render_error(rec) == ("ParserError: \nLine |\n   1 |  if (\n     |      ~\n"
                                 "     | Missing condition in if statement after 'if ('.\n")


def test_normal_view():
    rec = get_item_error(SourceText("Get-Item /nope"))
    assert render_error(rec, "NormalView") == (
        f"Get-Item : {NOPE}\nAt line:1 char:1\n+ Get-Item /nope\n+ ~~~~~~~~~~~~~~\n"
        "+ CategoryInfo          : ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException\n"
        "+ FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand")


def test_category_view():
    rec = get_item_error(SourceText("Get-Item /nope"))
    assert render_error(rec, "CategoryView") == "ObjectNotFound: (/nope:String) [Get-Item], ItemNotFoundException"


def test_native_command_error_prints_message_only():
    rec = ErrorRecord(RuntimeException("ls: cannot access 'x'"), "NativeCommandError", "NotSpecified")
    assert render_error(rec) == "ls: cannot access 'x'"


def test_concise_ansi_colours():
    rec = get_item_error(SCRIPT, line=3)
    text = render_error(rec, ansi=True)
    assert text.startswith("\x1b[31;1mGet-Item: \x1b[0m/tmp/t.ps1:3\n\x1b[36;1mLine |\n")
    assert "\x1b[36;1m   3 | \x1b[0m" in text
    assert text.endswith(f"\x1b[31;1m\x1b[36;1m     | \x1b[31;1m{NOPE}\n\x1b[0m")
    single = render_error(get_item_error(SourceText("Get-Item /nope")), ansi=True)
    assert single == f"\x1b[31;1mGet-Item: \x1b[31;1m{NOPE}\x1b[0m"


def test_stream_lines():
    assert render_warning("m") == "WARNING: m"
    assert render_verbose("m") == "VERBOSE: m"
    assert render_debug("m") == "DEBUG: m"
    assert render_warning("m", ansi=True) == "\x1b[33;1mWARNING: m\x1b[0m"


def test_render_error_never_raises():
    class Odd:
        pass
    assert isinstance(render_error(Odd()), str)
    assert isinstance(render_error(None), str)
