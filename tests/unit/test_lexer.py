"""The mode-aware tokenizer (interpreter/lexer.py), seen through the parser's feedback (parser.tokenize)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pslark.interpreter.lexer import LexError, Lexer, number_value, tokenize as raw_tokenize
from pslark.interpreter.parser import tokenize


def types(text):
    return [t.type for t in tokenize(text)]


def pairs(text):
    return [(t.type, t.value) for t in tokenize(text)]


# ----------------------------------------------------------------------------------------------------------
# Command mode vs expression mode

@pytest.mark.parametrize("text, expected", [
    ("Get-Process -Name foo*", [("GENERIC", ("Get-Process", None)), ("CMD_PARAM", ("Name", False)),
                                ("GENERIC", ("foo*", None))]),
    ("Write-Output 2+2", [("GENERIC", ("Write-Output", None)), ("GENERIC", ("2+2", None))]),
    ("Write-Output 1..5", [("GENERIC", ("Write-Output", None)), ("GENERIC", ("1..5", None))]),
    ("1..5", [("NUMBER", 1), ("DOTDOT", ".."), ("NUMBER", 5)]),
    ("$a -eq 5", [("VARIABLE", ("a", False)), ("CMP_OP", "-eq"), ("NUMBER", 5)]),
    ("echo a>b", [("GENERIC", ("echo", None)), ("GENERIC", ("a>b", None))]),
    ("echo 5 -5", [("GENERIC", ("echo", None)), ("NUMBER", 5), ("GENERIC", ("-5", None))]),
    ("5 -5", [("NUMBER", 5), ("MINUS", "-"), ("NUMBER", 5)]),
    ("5 - -5", [("NUMBER", 5), ("MINUS", "-"), ("NUMBER", -5)]),
    ("1abc", [("GENERIC", ("1abc", None))]),
    ("7z.exe a", [("GENERIC", ("7z.exe", None)), ("GENERIC", ("a", None))]),
    ("echo 10kb.txt", [("GENERIC", ("echo", None)), ("GENERIC", ("10kb.txt", None))]),
    ("echo C:\\dir\\f.txt http://x user@host a=b", [
        ("GENERIC", ("echo", None)), ("GENERIC", ("C:\\dir\\f.txt", None)), ("GENERIC", ("http://x", None)),
        ("GENERIC", ("user@host", None)), ("GENERIC", ("a=b", None))]),
    ("echo [abc] !1 -", [("GENERIC", ("echo", None)), ("GENERIC", ("[abc]", None)), ("GENERIC", ("!1", None)),
                         ("GENERIC", ("-", None))]),
    ("ls | ? { $_ }", [("GENERIC", ("ls", None)), ("PIPE", "|"), ("GENERIC", ("?", None)), ("LBRACE", "{"),
                       ("VARIABLE", ("_", False)), ("RBRACE", "}")]),
])
def test_modes(text, expected):
    assert pairs(text) == expected


def test_parameters_and_end_of_parameters():
    assert pairs("echo --foo -Bar:1 -- -Baz --") == [
        ("GENERIC", ("echo", None)), ("GENERIC", ("--foo", None)), ("CMD_PARAM_COLON", "Bar"), ("NUMBER", 1),
        ("DASHDASH", "--"), ("GENERIC", ("-Baz", None)), ("GENERIC", ("--", None))]


def test_quote_in_parameter_makes_a_bareword():
    assert pairs('echo -foo"bar"') == [("GENERIC", ("echo", None)), ("GENERIC", ("-foobar", None))]


def test_parameter_name_stops_at_dot_and_bracket():
    assert types("cmd -a.b -c[0]") == ["GENERIC", "CMD_PARAM", "GENERIC", "CMD_PARAM", "GENERIC"]


def test_unicode_dash_parameter():
    assert pairs("Get-Item \u2013Name x")[1] == ("CMD_PARAM", ("Name", False))


def test_verbatim_argument():
    toks = pairs('echoargs --% a "b c" %PATH% | more')
    assert toks[1] == ("VERBATIM", 'a "b c" %PATH%')
    assert toks[2][0] == "PIPE"


def test_bareword_splices_quotes_and_escapes():
    assert pairs("echo a'$b'c") == [("GENERIC", ("echo", None)), ("GENERIC", ("a$bc", None))]
    assert pairs("echo a`tb") == [("GENERIC", ("echo", None)), ("GENERIC", ("a\tb", None))]
    assert pairs("echo a#b") == [("GENERIC", ("echo", None)), ("GENERIC", ("a#b", None))]


def test_expandable_bareword():
    t = tokenize("Write-Output a$x.b")[1]
    assert t.type == "GENERIC"
    value, parts = t.value
    assert parts[0] == "a" and parts[1][:2] == ("var", "x") and parts[2] == ".b"


def test_command_name_is_not_expanded():
    assert pairs("a$(2) b") == [("GENERIC", ("a$(2)", None)), ("GENERIC", ("b", None))]


def test_variable_followed_by_non_terminator_becomes_bareword():
    t = tokenize("Write-Output $a+2")[1]
    assert t.type == "GENERIC" and t.value[1][0][:2] == ("var", "a") and t.value[1][1] == "+2"


def test_member_access_in_command_mode():
    assert types("echo $x.Length-more") == ["GENERIC", "VARIABLE", "DOT", "MEMBER", "GENERIC"]
    assert types("echo $x [0]") == ["GENERIC", "VARIABLE", "GENERIC"]
    assert types("echo $x[0]") == ["GENERIC", "VARIABLE", "LBRACKET", "NUMBER", "RBRACKET"]


def test_string_then_glued_bareword_is_two_arguments():
    assert types('echo "a"b') == ["GENERIC", "STR_DQ", "GENERIC"]


def test_comma_arguments():
    assert types("echo a, b,c") == ["GENERIC", "GENERIC", "COMMA", "GENERIC", "COMMA", "GENERIC"]


# ----------------------------------------------------------------------------------------------------------
# Keywords only where the parser accepts them

def test_keywords_at_statement_start_only():
    assert types("if ($x) { 1 }")[0] == "IF"
    assert types("echo if")[1] == "GENERIC"
    assert types("(if ($c) { 1 })")[1] == "GENERIC"
    assert types("1 | foreach { $_ }")[2] == "GENERIC"
    assert types("if-x")[0] == "GENERIC"
    assert types("if(1){}")[0:2] == ["IF", "LPAREN"]


def test_else_after_newline_is_joined():
    assert types("if ($a) { 1 }\nelse { 2 }") == [
        "IF", "LPAREN", "VARIABLE", "RPAREN", "LBRACE", "NUMBER", "RBRACE", "ELSE", "LBRACE", "NUMBER", "RBRACE"]


def test_else_without_if_is_a_command():
    assert types("else { 2 }")[0] == "GENERIC"


def test_param_and_named_blocks_only_at_script_block_start():
    assert types("param($a)")[0] == "PARAM"
    assert types("1; param($a)")[2] == "GENERIC"
    assert types("{ begin { } }")[1] == "BEGIN"
    assert types("{ 1; begin { } }")[3] == "GENERIC"


def test_do_while_and_until():
    assert "WHILE" in types("do { } while ($x)")
    assert "UNTIL" in types("do { }\nuntil ($x)")
    assert types("until ($x)")[0] == "GENERIC"


def test_foreach_in_keyword():
    assert types("foreach ($a in $b) {}")[:5] == ["FOREACH", "LPAREN", "VARIABLE", "IN", "VARIABLE"]


def test_label():
    assert pairs(":outer while ($true) { break outer }")[0] == ("LABEL", "outer")
    assert pairs("break outer")[1] == ("GENERIC", ("outer", None))


# ----------------------------------------------------------------------------------------------------------
# Numbers

@pytest.mark.parametrize("text, value", [
    ("10", 10), ("10kb", 10240), ("0x10", 16), ("0b101", 5), ("1e2", 100.0), ("5d", Decimal(5)),
    ("1.5", 1.5), (".5", 0.5), ("1.5kb", 1536.0), ("1mb", 1048576), ("0xFFFFFFFF", -1), ("0xFF", 255),
    ("2147483648", 2147483648), ("1.5d", Decimal("1.5")), ("1E+2", 100.0), ("-1", -1), ("1gb", 1024 ** 3),
    ("99999999999999999999", Decimal("99999999999999999999")),
])
def test_number_values(text, value):
    toks = tokenize(text)
    assert len(toks) == 1 and toks[0].type == "NUMBER"
    assert toks[0].value == value and type(toks[0].value) is type(value)


def test_typed_number_suffixes():
    from pslark.runtime import numbers as N
    for text, cls, v in [("1l", N.Int64, 1), ("1u", N.UInt32, 1), ("1ul", N.UInt64, 1), ("1y", N.SByte, 1),
                         ("1uy", N.Byte, 1), ("1s", N.Int16, 1), ("1us", N.UInt16, 1), ("1n", N.BigInteger, 1),
                         ("2lkb", N.Int64, 2048)]:
        (tok,) = tokenize(text)
        assert type(tok.value) is cls and tok.value == v, text


def test_number_value_helper():
    assert number_value("256", "uy", "") is None          # out of range for a byte
    assert number_value("0x10", "d", "") is None
    assert number_value("12", "", "kb") == 12288


def test_number_ending_rules():
    assert types("1st") == ["GENERIC"]
    assert types("1..5") == ["NUMBER", "DOTDOT", "NUMBER"]
    assert types("$c ? 1:2") == ["VARIABLE", "QUESTION", "NUMBER", "COLON", "NUMBER"]
    assert types("1?2:3") == ["GENERIC"]
    assert types("1.GetType()")[0] == "GENERIC"


# ----------------------------------------------------------------------------------------------------------
# Variables

@pytest.mark.parametrize("text, name", [
    ("$_", "_"), ("$$", "$"), ("$?", "?"), ("$^", "^"), ("$env:PATH", "env:PATH"), ("$global:x", "global:x"),
    ("${a b}", "a b"), ("$using:x", "using:x"), ("${env:ProgramFiles(x86)}", "env:ProgramFiles(x86)"),
    ("$a?", "a?"), ("${a`}b}", "a}b"), ("$variable:global:x", "variable:global:x"),
])
def test_variable_names(text, name):
    (tok,) = tokenize(text)
    assert tok.type == "VARIABLE" and tok.value[0] == name


def test_static_member_on_variable():
    assert types("$a::b") == ["VARIABLE", "STATIC_DOT", "MEMBER"]


def test_null_conditional_needs_braces():
    assert types("$a?.b") == ["VARIABLE", "DOT", "MEMBER"]
    assert types("${a}?.b") == ["VARIABLE", "NC_DOT", "MEMBER"]
    assert types("${a}?[0]") == ["VARIABLE", "NC_LBRACKET", "NUMBER", "RBRACKET"]


def test_splat():
    assert pairs("cmd @params @using:x")[1:] == [("SPLAT", "params"), ("SPLAT", "using:x")]


# ----------------------------------------------------------------------------------------------------------
# Strings

def test_single_quoted():
    assert pairs("'It''s'") == [("STR_SQ", "It's")]
    assert pairs("'a`n$b'") == [("STR_SQ", "a`n$b")]
    assert pairs("\u2018smart\u2019") == [("STR_SQ", "smart")]


def test_double_quoted_parts():
    (tok,) = tokenize('"a""b`t$x.y $(1) ${c d} $ $env:P $5"')
    parts = tok.value
    assert parts[0] == 'a"b\t'
    assert parts[1][:2] == ("var", "x")
    assert parts[2] == ".y "
    assert parts[3][0] == "sub"
    assert parts[5][:2] == ("var", "c d")
    assert parts[6] == " $ "
    assert parts[7][:2] == ("var", "env:P")
    assert parts[9][:2] == ("var", "5")


def test_unicode_escape():
    assert pairs('"`u{41}`u{1F600}"') == [("STR_DQ", ["A\U0001F600"])]


def test_here_strings():
    assert pairs("@'\nline1\n  'x'\n'@") == [("HERE_SQ", "line1\n  'x'")]
    assert pairs("@'\r\nline1\r\n'@") == [("HERE_SQ", "line1")]
    assert pairs("@'\n'@") == [("HERE_SQ", "")]
    (tok,) = tokenize('@"\nhi $x "q"\n"@')
    assert tok.type == "HERE_DQ" and tok.value[0] == "hi " and tok.value[2] == ' "q"'


def test_nested_string_in_subexpression():
    (tok,) = tokenize('"$("a" + \'b\')"')
    assert tok.type == "STR_DQ" and tok.value[0][0] == "sub"


# ----------------------------------------------------------------------------------------------------------
# Types, members, redirections, separators

def test_type_literals():
    (tok,) = tokenize("[System.Collections.Generic.Dictionary[string, List[int]]]")
    name, args, rank, s, e = tok.value
    assert name == "System.Collections.Generic.Dictionary" and rank == 0
    assert args[0][0] == "string" and args[1][0] == "List" and args[1][1][0][0] == "int"
    (tok,) = tokenize("[int[,]]")
    assert tok.value[:3] == ("int", (), 2)
    (tok,) = tokenize("[List[[System.String, mscorlib]]]")
    assert tok.value[1][0][0] == "System.String"


def test_attribute_tokens():
    assert types("[Parameter(Mandatory, Position=0)]$x") == [
        "ATTR_OPEN", "NAME", "ARG_SEP", "NAME", "ASSIGN", "NUMBER", "ATTR_CLOSE", "VARIABLE"]


def test_param_preamble_attributes():
    assert types("[CmdletBinding()]\nparam()")[:3] == ["PB_ATTR_OPEN", "ATTR_CLOSE", "PARAM"]


def test_method_call_paren_must_be_glued():
    assert types("$x.M(1, 2)") == ["VARIABLE", "DOT", "MEMBER", "CALL_LPAREN", "NUMBER", "ARG_SEP", "NUMBER",
                                   "RPAREN"]
    assert types("$x.Where{ $_ }")[3] == "CALL_LBRACE"
    assert types("$x.M(1,(2,3))").count("COMMA") == 1


@pytest.mark.parametrize("text, value", [
    (">", ("1", False, None)), (">>", ("1", True, None)), ("2>", ("2", False, None)), ("2>>", ("2", True, None)),
    ("2>&1", ("2", False, 1)), ("*>", ("*", False, None)), ("*>&1", ("*", False, 1)), ("3>", ("3", False, None)),
    ("6>>", ("6", True, None)),
])
def test_redirections(text, value):
    toks = tokenize("cmd " + text + ("" if "&" in text else " f"))
    assert toks[1].type in ("REDIR_FILE", "REDIR_MERGE") and toks[1].value == value


def test_newlines_collapse_and_continue():
    assert types("a\n\n\nb") == ["GENERIC", "SEP", "GENERIC"]
    assert types("a;;\n;b") == ["GENERIC", "SEP", "GENERIC"]
    assert types("1 +\n 2") == ["NUMBER", "PLUS", "NUMBER"]
    assert types("a |\n b") == ["GENERIC", "PIPE", "GENERIC"]
    assert types("a `\n b") == ["GENERIC", "GENERIC"]
    # backtick then space escapes the space (a bareword " "): the newline still ends the statement
    assert pairs("a ` \n b")[1:3] == [("GENERIC", (" ", None)), ("SEP", "\n")]
    assert types("a\n | b") == ["GENERIC", "PIPE", "GENERIC"]
    assert types("a\n\n | b")[:2] == ["GENERIC", "SEP"]           # a blank line cancels the leading pipe
    assert types("(\n1\n)") == ["LPAREN", "NUMBER", "RPAREN"]


def test_for_keeps_both_semicolons():
    assert types("for (;;) {}") == ["FOR", "LPAREN", "SEP", "SEP", "RPAREN", "LBRACE", "RBRACE"]


def test_multiline_token_positions():
    toks = tokenize("$x = @'\nab\ncd\n'@; $y")
    here = toks[2]
    assert (here.line, here.column, here.end_line, here.end_column) == (1, 6, 4, 3)
    assert toks[4].line == 4


def test_token_positions():
    toks = tokenize("echo a\n  $x.Name")
    x = toks[3]
    assert (x.start_pos, x.end_pos, x.line, x.column, x.end_line, x.end_column) == (9, 11, 2, 3, 2, 5)
    assert str(x) == "$x"


def test_requires_recorded_outside_nested_tokens():
    # braces do not matter (the whole script has the requirement); a string's $( ) is a nested token scan
    lx = Lexer('#requires -Version 7\n{ #requires -Modules x\n}\n"$(\n#requires -Modules y\n)"')
    list(lx.tokens())
    assert [r[2].strip() for r in lx.requires] == ["-Version 7", "-Modules x"]


def test_raw_tokenize_without_parser():
    assert [t.type for t in raw_tokenize("if ($a) { $b }")][0] == "IF"


@pytest.mark.parametrize("text, error_id", [
    ('"abc', "TerminatorExpectedAtEndOfString"),
    ("'abc", "TerminatorExpectedAtEndOfString"),
    ("<# x", "MissingTerminatorMultiLineComment"),
    ("@\"x\n\"@", "UnexpectedCharactersAfterHereStringHeader"),
    ("${}", "EmptyVariableReference"),
    ('"$name: x"', "InvalidVariableReferenceWithDrive"),
    ("[int", "EndSquareBracketExpectedAtEndOfType"),
    ("cmd < f", "RedirectionNotSupported"),
    ("@%", "UnrecognizedToken"),
])
def test_lexer_errors(text, error_id):
    with pytest.raises(LexError) as ei:
        raw_tokenize(text)
    assert ei.value.error_id == error_id
