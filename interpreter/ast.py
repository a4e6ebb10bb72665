"""The AST: frozen dataclasses, each with the source extent it came from.

The parser (lexer + Lark grammar + transformer) produces these; the compiler turns them into closures.
Field names follow PowerShell's own AST classes where that helps a reader who knows them.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import Optional, Union


_MISSING = object()


_PENDING: list = []


def dataclass(frozen: bool = True, eq: bool = False):
    """A lean stand-in for @dataclass(frozen=True, eq=False): ordered fields from the annotations (bases first),
    class-level defaults, a generated __init__, identity equality, and no assignment after construction.

    The standard decorator costs tens of milliseconds at import (it loads `inspect`), which every pslark start
    and every job worker would pay. The __init__ functions of all node classes are compiled together by
    `_finish_nodes()` at the end of this module (one exec instead of one per class)."""

    def wrap(cls):
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", {}):
                if name not in names:
                    names.append(name)
        defaults = {n: cls.__dict__.get(n, _MISSING) for n in names}
        for klass in cls.__mro__[1:]:
            for n in names:
                if defaults[n] is _MISSING and n in klass.__dict__ and not callable(klass.__dict__[n]):
                    defaults[n] = klass.__dict__[n]
        cls._fields = tuple(names)
        cls.__dataclass_fields__ = dict.fromkeys(names)
        if frozen:
            cls.__setattr__ = _frozen_setattr
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = _node_repr
        _PENDING.append((cls, names, defaults))
        return cls
    return wrap


def _finish_nodes() -> None:
    sources = []
    namespace: dict = {"_set": object.__setattr__}
    for index, (cls, names, defaults) in enumerate(_PENDING):
        params = []
        for n in names:
            if defaults[n] is _MISSING:
                params.append(n)
            else:
                key = f"_d{index}_{n}"
                namespace[key] = defaults[n]
                params.append(f"{n}={key}")
        body = "\n".join(f"    _set(self, {n!r}, {n})" for n in names) or "    pass"
        sources.append(f"def _init{index}(self, {', '.join(params)}):\n{body}\n")
    exec("\n".join(sources), namespace)
    for index, (cls, _names, _defaults) in enumerate(_PENDING):
        init = namespace[f"_init{index}"]
        init.__qualname__ = f"{cls.__name__}.__init__"
        cls.__init__ = init
    _PENDING.clear()


def _frozen_setattr(self, name, value):
    raise AttributeError(f"cannot assign to field '{name}' of a frozen AST node")


def _node_repr(self) -> str:
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields if n != "extent")
    return f"{type(self).__name__}({inner})"


def replace(node, **changes):
    """A copy of an AST node with some fields changed (dataclasses.replace for these nodes)."""
    values = {n: getattr(node, n) for n in node._fields}
    values.update(changes)
    return type(node)(**values)


class SourceText:
    """One parsed text (a file, a -Command string, a REPL line), shared by all its extents."""

    __slots__ = ("text", "path", "_line_starts")

    def __init__(self, text: str, path: Optional[str] = None):
        self.text = text
        self.path = path
        self._line_starts: Optional[list[int]] = None

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            t = self.text
            if "\r" in t:          # \r\n, \n and a lone \r each end a line, as in pwsh
                starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", t))
            else:
                i = t.find("\n")
                while i >= 0:
                    starts.append(i + 1)
                    i = t.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset."""
        import bisect

        starts = self.line_starts()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line(self, number: int) -> str:
        starts = self.line_starts()
        if number < 1 or number > len(starts):
            return ""
        start = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


@dataclass(frozen=True, eq=False)
class Extent:
    """A span [start, end) of a SourceText."""

    source: SourceText
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source.text[self.start:self.end]

    @property
    def file(self) -> Optional[str]:
        return self.source.path

    @cached_property
    def start_line(self) -> int:
        return self.source.position(self.start)[0]

    @cached_property
    def start_column(self) -> int:
        return self.source.position(self.start)[1]

    @cached_property
    def end_line(self) -> int:
        return self.source.position(max(self.start, self.end))[0]

    @cached_property
    def end_column(self) -> int:
        return self.source.position(max(self.start, self.end))[1]


@dataclass(frozen=True, eq=False)
class Node:
    extent: Extent


# ----------------------------------------------------------------------------------------------
# Types and attributes

@dataclass(frozen=True, eq=False)
class TypeName(Node):
    """A type literal's name: `int`, `System.Collections.Generic.List[string]`, `int[]`."""

    name: str                                  # without generic arguments or array suffix
    generic_args: tuple["TypeName", ...] = ()
    array_rank: int = 0                        # 1 for `int[]`, 2 for `int[,]`; 0 for a plain type

    @property
    def full_text(self) -> str:
        text = self.name
        if self.generic_args:
            text += "[" + ",".join(a.full_text for a in self.generic_args) + "]"
        if self.array_rank:
            text += "[" + "," * (self.array_rank - 1) + "]"
        return text


@dataclass(frozen=True, eq=False)
class AttributeAst(Node):
    """`[Parameter(Mandatory, Position=0)]`: positional arguments and named arguments (a bare name means $true)."""

    type_name: TypeName
    positional: tuple["Expr", ...] = ()
    named: tuple[tuple[str, Optional["Expr"]], ...] = ()


@dataclass(frozen=True, eq=False)
class TypeConstraintAst(Node):
    """`[int]` before a parameter or variable."""

    type_name: TypeName


AttributeBase = Union[AttributeAst, TypeConstraintAst]


# ----------------------------------------------------------------------------------------------
# Script blocks

@dataclass(frozen=True, eq=False)
class ParameterAst(Node):
    name: str                                   # without `$`
    attributes: tuple[AttributeBase, ...] = ()
    default: Optional["Expr"] = None


@dataclass(frozen=True, eq=False)
class ParamBlockAst(Node):
    attributes: tuple[AttributeBase, ...]       # e.g. [CmdletBinding()]
    parameters: tuple[ParameterAst, ...]


@dataclass(frozen=True, eq=False)
class StatementListAst(Node):
    statements: tuple["Statement", ...]
    traps: tuple["TrapAst", ...] = ()


@dataclass(frozen=True, eq=False)
class NamedBlockAst(Node):
    kind: str                                   # 'begin' | 'process' | 'end' | 'clean' | 'dynamicparam'
    body: StatementListAst
    unnamed: bool = False                       # True for the implicit end (or filter's process) block


@dataclass(frozen=True, eq=False)
class ScriptBlockAst(Node):
    """The body of `{ ... }`, a script file, a function. `extent` covers the text inside the braces."""

    param_block: Optional[ParamBlockAst]
    begin: Optional[NamedBlockAst] = None
    process: Optional[NamedBlockAst] = None
    end: Optional[NamedBlockAst] = None
    clean: Optional[NamedBlockAst] = None
    dynamicparam: Optional[NamedBlockAst] = None
    requires: tuple["RequiresAst", ...] = ()    # #requires lines found at the outermost level


@dataclass(frozen=True, eq=False)
class RequiresAst(Node):
    """A `#requires` comment, parsed: `-Version 7`, `-Modules x`, `-PSEdition Core`, `-RunAsAdministrator`."""

    options: tuple[tuple[str, str], ...]


# ----------------------------------------------------------------------------------------------
# Statements

@dataclass(frozen=True, eq=False)
class RedirectionAst(Node):
    from_stream: str                            # '1'..'6' or '*'
    target: Optional["Expr"] = None             # file target (None for a merge)
    merge_to: Optional[int] = None              # 1 or 2 for `2>&1`
    append: bool = False


@dataclass(frozen=True, eq=False)
class CommandParameterAst(Node):
    """`-Name` or `-Name:value` in a command. `argument` is set only for the colon form."""

    name: str                                   # without the dash, as written
    argument: Optional["Expr"] = None
    used_colon: bool = False


CommandElement = Union["Expr", CommandParameterAst]


@dataclass(frozen=True, eq=False)
class CommandAst(Node):
    """A command invocation. elements[0] is the name (a bareword StringConstantExpr, or an expression after & / .)."""

    elements: tuple[CommandElement, ...]
    invocation_operator: Optional[str] = None   # None, '&' or '.'
    redirections: tuple[RedirectionAst, ...] = ()
    verbatim: Optional[str] = None              # text after --%, if any


@dataclass(frozen=True, eq=False)
class CommandExpressionAst(Node):
    """An expression used as a pipeline element (only valid first)."""

    expression: "Expr"
    redirections: tuple[RedirectionAst, ...] = ()


PipelineElement = Union[CommandAst, CommandExpressionAst]


@dataclass(frozen=True, eq=False)
class PipelineAst(Node):
    elements: tuple[PipelineElement, ...]
    background: bool = False                    # trailing `&`


@dataclass(frozen=True, eq=False)
class PipelineChainAst(Node):
    """`left && right`, `left || right` (left-associative)."""

    left: Union[PipelineAst, "PipelineChainAst"]
    operator: str                               # '&&' or '||'
    right: PipelineAst
    background: bool = False


@dataclass(frozen=True, eq=False)
class AssignmentAst(Node):
    target: "Expr"                              # variable, member, index, [type]$var, or ArrayLiteralExpr of those
    operator: str                               # '=', '+=', '-=', '*=', '/=', '%=', '??='
    value: "Statement"


@dataclass(frozen=True, eq=False)
class IfAst(Node):
    clauses: tuple[tuple["Pipeline", StatementListAst], ...]   # if + elseif conditions and bodies
    else_body: Optional[StatementListAst] = None


@dataclass(frozen=True, eq=False)
class SwitchClauseAst(Node):
    condition: "Expr"                            # a command argument: bareword, number, string, $var, (expr), {predicate}
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class SwitchAst(Node):
    label: Optional[str]
    flags: frozenset[str]                        # subset of {'regex','wildcard','exact','casesensitive','file','parallel'}
    condition: Optional["Pipeline"]              # None when -file is used
    file: Optional["Expr"]
    clauses: tuple[SwitchClauseAst, ...]
    default: Optional[StatementListAst] = None


@dataclass(frozen=True, eq=False)
class ForEachAst(Node):
    label: Optional[str]
    variable: "VariableExpr"
    iterable: "Pipeline"
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class ForAst(Node):
    label: Optional[str]
    init: Optional["Pipeline"]
    condition: Optional["Pipeline"]
    iterator: Optional["Pipeline"]
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class WhileAst(Node):
    label: Optional[str]
    condition: "Pipeline"
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class DoLoopAst(Node):
    label: Optional[str]
    body: StatementListAst
    condition: "Pipeline"
    until: bool                                  # True for do/until, False for do/while


@dataclass(frozen=True, eq=False)
class FunctionDefinitionAst(Node):
    name: str
    is_filter: bool
    parameters: tuple[ParameterAst, ...]         # from `function f($a, $b)`; empty when none given
    body: ScriptBlockAst                         # its extent covers the braces' contents


@dataclass(frozen=True, eq=False)
class ReturnAst(Node):
    pipeline: Optional["Pipeline"] = None


@dataclass(frozen=True, eq=False)
class ThrowAst(Node):
    pipeline: Optional["Pipeline"] = None


@dataclass(frozen=True, eq=False)
class ExitAst(Node):
    pipeline: Optional["Pipeline"] = None


@dataclass(frozen=True, eq=False)
class BreakAst(Node):
    label: Optional["Expr"] = None               # StringConstantExpr for `break outer`, or an expression


@dataclass(frozen=True, eq=False)
class ContinueAst(Node):
    label: Optional["Expr"] = None


@dataclass(frozen=True, eq=False)
class CatchClauseAst(Node):
    types: tuple[TypeName, ...]                  # empty = catch all
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class TryAst(Node):
    body: StatementListAst
    catches: tuple[CatchClauseAst, ...]
    finally_body: Optional[StatementListAst] = None


@dataclass(frozen=True, eq=False)
class TrapAst(Node):
    type_name: Optional[TypeName]
    body: StatementListAst


@dataclass(frozen=True, eq=False)
class BlockStatementAst(Node):
    """A statement list run in place (used for `data { }`-like bodies the parser accepts)."""

    body: StatementListAst


Pipeline = Union[PipelineAst, PipelineChainAst, AssignmentAst]
Statement = Union[
    PipelineAst, PipelineChainAst, AssignmentAst, IfAst, SwitchAst, ForEachAst, ForAst, WhileAst, DoLoopAst,
    FunctionDefinitionAst, ReturnAst, ThrowAst, ExitAst, BreakAst, ContinueAst, TryAst, TrapAst, BlockStatementAst,
]


# ----------------------------------------------------------------------------------------------
# Expressions

@dataclass(frozen=True, eq=False)
class ConstantExpr(Node):
    """A number literal (already converted: int, float, Decimal...)."""

    value: object


@dataclass(frozen=True, eq=False)
class StringConstantExpr(Node):
    value: str
    kind: str = "single"        # 'bare' | 'single' | 'double' | 'here_single' | 'here_double'


@dataclass(frozen=True, eq=False)
class ExpandableStringExpr(Node):
    """A double-quoted string / here-string / bareword with `$` parts. parts: literal str or Expr (VariableExpr or SubExpr)."""

    parts: tuple[Union[str, "Expr"], ...]
    kind: str = "double"        # 'double' | 'here_double' | 'bare'


@dataclass(frozen=True, eq=False)
class VariableExpr(Node):
    """`$name`, `$scope:name`, `$env:NAME`, `${any name}`, or `@name` when splatted.

    `name` is the full path as written, without `$`/`@` and braces (e.g. 'global:x', 'env:PATH', 'x').
    """

    name: str
    splatted: bool = False


@dataclass(frozen=True, eq=False)
class UsingExpr(Node):
    """`$using:x` (and `@using:x`); member access after it is an ordinary MemberExpr around this node."""

    variable: VariableExpr      # the name without the 'using:' prefix


@dataclass(frozen=True, eq=False)
class TypeExpr(Node):
    """A bare type literal `[int]` used as a value."""

    type_name: TypeName


@dataclass(frozen=True, eq=False)
class ConvertExpr(Node):
    """A cast `[int]$x`; also `[ordered]@{}` and `[pscustomobject]@{}`."""

    type_name: TypeName
    operand: "Expr"


@dataclass(frozen=True, eq=False)
class AttributedExpr(Node):
    """`[ValidateNotNull()]$x` in expression position (the attribute is kept for assignment validation)."""

    attribute: AttributeAst
    operand: "Expr"


@dataclass(frozen=True, eq=False)
class UnaryExpr(Node):
    """Prefix operators: '-not' '!' '-bnot' '+' '-' '-split' '-isplit' '-csplit' '-join' ',' '++' '--'."""

    operator: str
    operand: "Expr"


@dataclass(frozen=True, eq=False)
class PostfixExpr(Node):
    operator: str                # '++' | '--'
    operand: "Expr"


@dataclass(frozen=True, eq=False)
class BinaryExpr(Node):
    """Binary operators, lower-case as written without the dash for letters kept: '-eq', '-ceq', '+', '..', '-f', '??'."""

    operator: str
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True, eq=False)
class TernaryExpr(Node):
    condition: "Expr"
    if_true: "Expr"
    if_false: "Expr"


@dataclass(frozen=True, eq=False)
class ArrayLiteralExpr(Node):
    """`1, 2, 3` (the comma operator)."""

    elements: tuple["Expr", ...]


@dataclass(frozen=True, eq=False)
class ArrayExpr(Node):
    """`@( statements )`."""

    body: StatementListAst


@dataclass(frozen=True, eq=False)
class SubExpr(Node):
    """`$( statements )`."""

    body: StatementListAst


@dataclass(frozen=True, eq=False)
class ParenExpr(Node):
    """`( pipeline )`: one pipeline or assignment."""

    pipeline: "Pipeline"


@dataclass(frozen=True, eq=False)
class HashtableExpr(Node):
    pairs: tuple[tuple["Expr", "Statement"], ...]


@dataclass(frozen=True, eq=False)
class ScriptBlockExpr(Node):
    """`{ ... }` as a value; `script_block.extent` is the inside of the braces."""

    script_block: ScriptBlockAst


@dataclass(frozen=True, eq=False)
class MemberExpr(Node):
    """`obj.name`, `obj::name`, `obj?.name`, `obj.$dyn`, `obj.(expr)`. member: str for a literal name, else Expr."""

    obj: "Expr"
    member: Union[str, "Expr"]
    static: bool = False
    null_conditional: bool = False


@dataclass(frozen=True, eq=False)
class InvokeMemberExpr(Node):
    """`obj.Method(args)`, `[T]::Method(args)`, `obj.Where{ }` (args then holds the script block)."""

    obj: "Expr"
    member: Union[str, "Expr"]
    arguments: tuple["Expr", ...]
    static: bool = False
    null_conditional: bool = False


@dataclass(frozen=True, eq=False)
class IndexExpr(Node):
    """`obj[index]`, `obj?[index]`. index may be an ArrayLiteralExpr for slices."""

    obj: "Expr"
    index: "Expr"
    null_conditional: bool = False


Expr = Union[
    ConstantExpr, StringConstantExpr, ExpandableStringExpr, VariableExpr, UsingExpr, TypeExpr, ConvertExpr,
    AttributedExpr, UnaryExpr, PostfixExpr, BinaryExpr, TernaryExpr, ArrayLiteralExpr, ArrayExpr, SubExpr, ParenExpr,
    HashtableExpr, ScriptBlockExpr, MemberExpr, InvokeMemberExpr, IndexExpr,
]


_finish_nodes()


def walk(node):
    """Every node under (and including) node, depth first: for analyses such as finding `$using:`."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Node):
            yield n
            for name in n.__dataclass_fields__:
                if name == "extent":
                    continue
                stack.append(getattr(n, name))
        elif isinstance(n, (tuple, list)):
            stack.extend(n)
