"""Pipelines of commands: resolving names (alias -> function -> cmdlet -> script -> native), evaluating
arguments (splatting included), redirections, and running the processors."""
from __future__ import annotations

import os
import shutil
from typing import Any, Callable, Optional

from pslark.interpreter import ast as A
from pslark.interpreter.values import emit_value, to_null
from pslark.runtime import errors as E
from pslark.runtime.binder import NO_VALUE, CommandArgument
from pslark.runtime.cmdlet import CMDLETS, CmdletInfo
from pslark.runtime.commandinfo import AliasInfo, ApplicationInfo, ExternalScriptInfo
from pslark.runtime.errors import ErrorRecord, InvocationInfo, PSException, RuntimeException
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSObject, enumerate_value
from pslark.runtime.pipeline import CmdletProcessor, CommandProcessor, NativeProcessor, run_pipeline
from pslark.runtime.scriptblock import ScriptBlock


def not_found(name: str, extent) -> PSException:
    exc = E.CommandNotFoundException(
        f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n"
        f"Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        error_id="CommandNotFoundException", category="ObjectNotFound", target=name)
    rec = ErrorRecord(exc, "CommandNotFoundException", "ObjectNotFound", name, InvocationInfo(None, extent))
    rec.category_activity = name
    return exc


def resolve_command(ctx, name: str, extent=None, depth: int = 0):
    """alias -> function -> cmdlet -> script path -> native on PATH; raises CommandNotFoundException."""
    session = ctx.session
    if depth > 20:
        raise not_found(name, extent)
    alias = session.lookup_alias(name)
    if alias is not None:
        return resolve_command(ctx, alias.definition, extent, depth + 1)
    func = session.lookup_function(name)
    if func is not None:
        return func
    info = CMDLETS.get(name.casefold())
    if info is not None:
        return info
    if "\\" in name and "/" not in name and os.sep == "/":
        # module-qualified cmdlet names: Microsoft.PowerShell.Utility\Write-Output
        short = name.rsplit("\\", 1)[1]
        info = CMDLETS.get(short.casefold())
        if info is not None:
            return info
    path = _find_path(ctx, name)
    if path is not None:
        return path
    raise not_found(name, extent)


def _find_path(ctx, name: str):
    from pslark.runtime.paths import is_filesystem_drive, qualifier_of, to_provider_path
    drive = qualifier_of(name)
    on_drive = drive is not None and is_filesystem_drive(drive[:-1])     # `& TestDrive:\x.ps1`, `Temp:/y.ps1`
    if on_drive or "/" in name or "\\" in name or name.startswith(".") or name.startswith("~"):
        # a path, written with either separator (pwsh takes `\` on Linux too)
        full = to_provider_path(ctx.session, name) if on_drive or "\\" in name else ctx.session.resolve_path(name)
        if os.path.isfile(full):
            if full.casefold().endswith(".ps1"):
                return ExternalScriptInfo(full)
            if os.access(full, os.X_OK):
                return ApplicationInfo(full)
        if not full.casefold().endswith(".ps1") and os.path.isfile(full + ".ps1"):
            return ExternalScriptInfo(full + ".ps1")
        return None
    if name.casefold().endswith(".ps1"):
        # a bare script name runs only from PATH, as in pwsh (it need not be executable)
        found = _script_on_path(name)
        return ExternalScriptInfo(found) if found else None
    found = shutil.which(name)
    if found is not None:
        return ApplicationInfo(found)
    found = _script_on_path(name + ".ps1")     # `testScript` runs testScript.ps1 from PATH (a program comes first)
    if found is not None:
        return ExternalScriptInfo(found)
    return None


def _script_on_path(file_name: str) -> Optional[str]:
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(folder or ".", file_name)
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return None


# ------------------------------------------------------------------------------------------------
# arguments

ArgFn = Callable[[Any, list], None]


def compile_arguments(compiler, elements) -> list[ArgFn]:
    """Each command element becomes fn(ctx, args_list) appending CommandArgument(s)."""
    out: list[ArgFn] = []
    for el in elements:
        if isinstance(el, A.CommandParameterAst):
            name = el.name
            extent = el.extent
            if el.argument is not None:
                value_fn = compiler.compile_expr(el.argument)

                def add_colon(ctx, args, name=name, value_fn=value_fn, extent=extent):
                    args.append(CommandArgument(name, to_null(value_fn(ctx)), extent, used_colon=True))
                out.append(add_colon)
            else:
                def add_param(ctx, args, name=name, extent=extent):
                    args.append(CommandArgument(name, NO_VALUE, extent))
                out.append(add_param)
        elif isinstance(el, A.VariableExpr) and el.splatted:
            getter = compiler.compile_expr(A.VariableExpr(el.extent, el.name))
            extent = el.extent

            def add_splat(ctx, args, getter=getter, extent=extent):
                value = to_null(getter(ctx))
                add_splatted(value, args, extent)
            out.append(add_splat)
        elif isinstance(el, A.UsingExpr) and getattr(el.variable, "splatted", False):
            getter = compiler.compile_expr(el)

            def add_using_splat(ctx, args, getter=getter, extent=el.extent):
                add_splatted(to_null(getter(ctx)), args, extent)
            out.append(add_using_splat)
        else:
            fn = compiler.compile_expr(el)
            extent = el.extent

            comma_text = _comma_separators(el) if isinstance(el, A.ArrayLiteralExpr) else None
            expand = _native_expansion(el)

            def add_value(ctx, args, fn=fn, extent=extent, comma_text=comma_text, expand=expand):
                arg = CommandArgument(None, to_null(fn(ctx)), extent)
                if comma_text is not None:
                    arg.comma_list = comma_text
                arg.native_expand = expand
                args.append(arg)
            out.append(add_value)
    return out


def _native_expansion(node) -> Optional[str]:
    """What a native command does with this argument on Unix: a bareword has its wildcards and a leading ~
    expanded ('bare'), another unquoted expression ($v, $h.P, $a[1]) its wildcards ('value'), a quoted
    string nothing (None)."""
    if isinstance(node, (A.StringConstantExpr, A.ExpandableStringExpr)):
        return "bare" if node.kind == "bare" else None
    if isinstance(node, A.ScriptBlockExpr):
        return None
    return "value"


def _comma_separators(node: A.ArrayLiteralExpr) -> tuple:
    """The source text between the elements of `a, b ,c` (for native commands, which get that text)."""
    els = node.elements
    text = node.extent.source.text if node.extent is not None and node.extent.source is not None else ""
    if not text or len(els) < 2:
        return ()
    return tuple(text[a.extent.end:b.extent.start] for a, b in zip(els, els[1:]))


def add_splatted(value, args: list, extent) -> None:
    if isinstance(value, PSObject) and value.base is not None:
        value = value.base        # a hashtable with note properties (an Invoke-Command result) splats as itself
    if isinstance(value, Hashtable):
        for k, v in value.items():
            args.append(CommandArgument(str(k), v, extent, used_colon=True, from_splat=True))
    elif isinstance(value, list):
        for v in value:
            args.append(CommandArgument(None, v, extent, from_splat=True))
    elif value is not None:
        args.append(CommandArgument(None, value, extent, from_splat=True))


def native_arguments(args: list[CommandArgument], ctx=None) -> list[str]:
    from pslark.runtime.conversion import to_string
    out = []
    for a in args:
        if ctx is not None and a.native_expand is not None and os.sep == "/":
            words = native_arguments([_plain(a)])
            for w in words:
                out.extend(_expand_native_word(ctx, w, a.native_expand == "bare"))
            continue
        if a.is_parameter:
            if a.used_colon and a.value is not NO_VALUE:
                out.append(f"-{a.name}:{to_string(a.value)}")
            else:
                out.append(f"-{a.name}")
            continue
        v = a.value
        if isinstance(v, ScriptBlock):
            out.append("{" + v.text + "}")      # a script block reaches a program as its text in braces
            continue
        seps = getattr(a, "comma_list", False)
        if isinstance(v, list) and isinstance(seps, tuple) and len(seps) == len(v) - 1 and v:
            # `ps -o pid,cmd`: an array written with commas reaches a native program as the text it was written
            # as -- the elements with the commas, split where the source had spaces (`1 , 2` is 1 , 2)
            out.extend(_join_as_written([to_string(x) for x in v], seps))
        elif isinstance(v, list) and seps:
            out.append(",".join(to_string(x) for x in v))
        elif isinstance(v, list):
            out.extend(to_string(x) for x in v)
        elif v is None:
            continue
        else:
            out.append(to_string(v))
    return out


def _plain(a: CommandArgument) -> CommandArgument:
    copy = CommandArgument(None, a.value, a.extent)
    copy.comma_list = a.comma_list
    return copy


def _expand_native_word(ctx, word: str, bare: bool) -> list[str]:
    """pwsh on Unix: `~` / `~/x` at the start of a bareword is the home folder; a word with wildcards that
    matches files becomes the matching paths (sorted; relative stays relative); no match keeps the word."""
    if bare and (word == "~" or word.startswith("~/")):
        word = ctx.session.home + word[1:]
    if not any(c in word for c in "*?["):
        return [word]
    import glob
    base = ctx.session.location
    pattern = word if os.path.isabs(word) else os.path.join(base, word)
    try:
        found = glob.glob(pattern)
    except (ValueError, OSError):     # a pattern glob cannot take (`[` without `]` ...) is the word itself
        return [word]
    if not found:
        return [word]
    if not os.path.isabs(word):
        found = [os.path.relpath(f, base) if not word.startswith("./") else "./" + os.path.relpath(f, base)
                 for f in found]
    return sorted(found)


def _join_as_written(items: list[str], seps: tuple) -> list[str]:
    words: list[str] = []
    current = items[0]
    for sep, item in zip(seps, items[1:]):
        sep = sep.replace("`\r\n", " ").replace("`\n", " ")      # a line continuation is white space
        for ch in sep:
            if ch.isspace():
                if current:
                    words.append(current)
                current = ""
            else:
                current += ch
        current += item
    if current:
        words.append(current)
    return words


# ------------------------------------------------------------------------------------------------
# processors for each kind of element

class ExpressionProcessor(CommandProcessor):
    """An expression as the first pipeline element: its value, enumerated."""

    def __init__(self, ctx, fn, streams=None):
        super().__init__()
        self.ctx = ctx
        self.fn = fn
        self.streams = streams      # `$(cmd) 2> file`: the commands inside write to the redirected streams

    def process_no_input(self) -> None:
        ctx = self.ctx
        if self.streams is None:
            emit_value(self.fn(ctx), self.emit)
            return
        prev, ctx.streams = ctx.streams, self.streams
        try:
            value = self.fn(ctx)
        finally:
            ctx.streams = prev
        emit_value(value, self.emit)

    def process(self, item) -> None:
        raise RuntimeException("Expressions are only allowed as the first element of a pipeline.",
                               error_id="ExpressionsMustBeFirstInPipeline", category="ParserError")


def compile_element(compiler, node, position: int, pipeline_length: int):
    """fn(ctx) -> CommandProcessor for one pipeline element."""
    redirections = node.redirections
    if isinstance(node, A.CommandExpressionAst):
        fn = compiler.compile_expr(node.expression)
        make = lambda ctx, streams: ExpressionProcessor(ctx, fn, streams)
        return _with_redirections(compiler, make, redirections)
    return _with_redirections(compiler, compile_command(compiler, node, position), redirections)


def compile_command(compiler, node: A.CommandAst, position: int):
    name_node = node.elements[0]
    arg_fns = compile_arguments(compiler, node.elements[1:])
    extent = node.extent
    operator = node.invocation_operator
    verbatim = node.verbatim
    static_name = None
    if operator is None and isinstance(name_node, A.StringConstantExpr):
        static_name = name_node.value
        name_fn = None
    else:
        name_fn = compiler.compile_expr(name_node)
    stderr_redirected = any(r.from_stream in ("2", "*") for r in node.redirections)
    name_extent = name_node.extent
    if static_name is not None and static_name.casefold() in ("start-job", "sajb"):
        from pslark.runtime.jobs.workers import prestart_zygote
        prestart_zygote()

    def make(ctx, streams):
        args: list[CommandArgument] = []
        for fn in arg_fns:
            fn(ctx, args)
        invocation = InvocationInfo(None, extent, pipeline_position=position + 1)
        target = static_name if name_fn is None else to_null(name_fn(ctx))
        return build_processor(ctx, target, args, invocation, operator, streams, stderr_redirected, verbatim,
                               name_extent)
    return make


def build_processor(ctx, target, args: list[CommandArgument], invocation: InvocationInfo, operator: Optional[str],
                    streams, stderr_redirected: bool = False, verbatim: Optional[str] = None, name_extent=None):
    from pslark.interpreter.functions import FunctionInfo, ScriptProcessor
    dot = operator == "."
    if isinstance(target, PSObject) and target.base is not None:
        target = target.base
    if isinstance(target, ScriptBlock):
        invocation.my_command = None
        if operator:
            invocation.invocation_name = operator      # $MyInvocation.InvocationName of `& {}` / `. {}`
        return ScriptProcessor(ctx, target, args, invocation, name="", new_scope=not dot, streams=streams)
    if isinstance(target, str):
        if target == "":
            raise RuntimeException("The expression after '&' in a pipeline element produced an object that was not "
                                   "valid. It must result in a command name, a script block, or a CommandInfo "
                                   "object.", error_id="BadExpression", category="InvalidOperation")
        info = resolve_command(ctx, target, name_extent or invocation.extent)
        invocation.invocation_name = target
    else:
        info = target
    if args and isinstance(info, (FunctionInfo, CmdletInfo, ExternalScriptInfo)) and \
            any(a.name == "?" and a.value is NO_VALUE for a in args):
        return _help_processor(ctx, info, invocation, streams)
    if isinstance(info, FunctionInfo):
        invocation.my_command = info.name
        return ScriptProcessor(ctx, info.script_block, args, invocation, name=info.name, new_scope=not dot,
                               streams=streams, is_filter=info.is_filter)
    if isinstance(info, CmdletInfo):
        invocation.my_command = info.name
        return CmdletProcessor(ctx, info, args, invocation, streams)
    if isinstance(info, ExternalScriptInfo):
        from pslark.interpreter.engine import get_engine
        sb = get_engine().script_block_from_file(info.path)
        invocation.my_command = info.name
        return ScriptProcessor(ctx, sb, args, invocation, name=info.name, new_scope=not dot,
                               script_path=info.path, streams=streams, catch_exit=True)
    if isinstance(info, ApplicationInfo):
        invocation.my_command = info.name
        native_args = native_arguments(args, ctx)
        if verbatim is not None:
            native_args += _split_verbatim(verbatim)
        return NativeProcessor(ctx, info.path, info.name, native_args, invocation, streams, stderr_redirected)
    if isinstance(info, AliasInfo):
        return build_processor(ctx, info.definition, args, invocation, operator, streams, stderr_redirected,
                               verbatim, name_extent)
    from pslark.runtime.conversion import to_string
    return build_processor(ctx, to_string(info), args, invocation, operator, streams, stderr_redirected, verbatim,
                           name_extent)


def _help_processor(ctx, info, invocation: InvocationInfo, streams):
    """`command -?` shows the command's help, as `Get-Help command` does."""
    name = info.path if isinstance(info, ExternalScriptInfo) else info.name
    invocation.my_command = "Get-Help"
    return CmdletProcessor(ctx, CMDLETS["get-help"], [CommandArgument("Name", name, used_colon=True)], invocation,
                           streams)


def _split_verbatim(text: str) -> list[str]:
    text = os.path.expandvars(text.replace("%", "$").replace("$$", "%")) if "%" in text else text
    import shlex
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


# ------------------------------------------------------------------------------------------------
# redirections

class RedirectingProcessor(CommandProcessor):
    """Wraps an element with redirections: its output may go to a file or to $null (`>`, `>>`, `> $null`),
    and the files its other streams were sent to are closed when it ends."""

    def __init__(self, inner: CommandProcessor, writer, files: list):
        super().__init__()
        self.inner = inner
        self.writer = writer        # None: output flows on; else a callable taking each object
        self.files = files
        self.name = inner.name

    def _downstream(self, obj):
        self.emit(obj)

    def begin(self):
        self.inner.expects_input = self.expects_input
        self.inner.emit = self.writer if self.writer is not None else self._downstream
        for f in self.files:
            f.open()
        self.inner.begin()

    def process(self, item):
        self.inner.process(item)

    def process_no_input(self):
        self.inner.process_no_input()

    def end(self):
        try:
            self.inner.end()
        finally:
            for f in self.files:
                f.close()

    def stop(self):
        self.inner.stop()

    def dispose(self):
        self.inner.dispose()
        for f in self.files:
            f.close()


class FileWriter:
    """Formats objects like Out-File and writes them to a path (`> file`, `>> file`)."""

    def __init__(self, ctx, path: str, append: bool):
        self.ctx = ctx
        self.path = ctx.session.resolve_path(path)
        self.append = append
        self.fh = None
        self.formatter = None

    def open(self):
        if self.fh is None:
            try:
                self.fh = open(self.path, "a" if self.append else "w", encoding="utf-8")
            except OSError as exc:
                raise E.RuntimeException(f"Could not find a part of the path '{self.path}'.",
                                         error_id="FileOpenFailure", category="OpenError") from None
            self.formatter = self.ctx.host.new_out_default(self.ctx, ansi=False)

    def __call__(self, obj):
        self.open()
        lines = self.formatter.write(obj)
        if lines:
            self.fh.write("".join(line + "\n" for line in lines))

    def write_text(self, text: str):
        self.open()
        self.fh.write(text + "\n")

    def close(self):
        if self.fh is not None:
            lines = self.formatter.close()
            if lines:
                self.fh.write("".join(line + "\n" for line in lines))
            self.fh.close()
            self.fh = None


_STREAM_NAMES = {"2": "error", "3": "warning", "4": "verbose", "5": "debug", "6": "information"}


def _is_null_target(node) -> bool:
    return isinstance(node, A.VariableExpr) and node.name.casefold() == "null"


def _with_redirections(compiler, make, redirections):
    if not redirections:
        return lambda ctx: make(ctx, None)
    plans = []
    for r in redirections:
        target_fn = None
        if r.target is not None and not _is_null_target(r.target):
            target_fn = compiler.compile_expr(r.target)
        plans.append((r, target_fn))

    def build(ctx):
        from pslark.runtime.conversion import to_string
        holder: dict = {}
        sinks: dict = {}
        output_writer = None
        files: list = []
        for r, target_fn in plans:
            if r.from_stream == "*":
                streams = list(_STREAM_NAMES.values())
            elif r.from_stream == "1":
                streams = []
            else:
                streams = [_STREAM_NAMES[r.from_stream]]
            if r.merge_to is not None:
                if r.merge_to == 1:     # n>&1: records join the output stream, wherever it goes (`3>&1 > f`)
                    for name in streams:
                        sinks[name] = lambda rec, holder=holder: holder["proc"].inner.emit(rec)
                continue
            # `*>` does not take back a stream an earlier redirection already sent somewhere (`> a *> b`)
            if r.from_stream == "*":
                streams = [name for name in streams if name not in sinks]
            takes_output = r.from_stream == "1" or (r.from_stream == "*" and output_writer is None)
            if target_fn is None:       # > $null
                for name in streams:
                    sinks[name] = _drop
                if takes_output:
                    output_writer = _drop
                continue
            writer = FileWriter(ctx, to_string(to_null(target_fn(ctx))), r.append)
            files.append(writer)
            for name in streams:
                sinks[name] = (lambda rec, w=writer: w.write_text(_record_text(ctx, rec)))
            if takes_output:
                output_writer = writer
        inner = make(ctx, ctx.streams.derive(**sinks) if sinks else None)
        proc = RedirectingProcessor(inner, output_writer, files)
        holder["proc"] = proc
        return proc
    return build


def _drop(_obj):
    return None


def _record_text(ctx, rec) -> str:
    if isinstance(rec, ErrorRecord):
        from pslark.runtime.formatting import render_error
        return render_error(rec, view=str(ctx.preference("ErrorView", "ConciseView")), ansi=False,
                            width=ctx.host.width)
    return str(rec)


# ------------------------------------------------------------------------------------------------

def compile_pipeline(compiler, node: A.PipelineAst):
    from pslark.interpreter.compiler import _set_success
    n = len(node.elements)
    for i, el in enumerate(node.elements):
        if i > 0 and isinstance(el, A.CommandExpressionAst):
            raise E.ParseException([E.ParseError(el.extent, "ExpressionsMustBeFirstInPipeline",
                                                 "Expressions are only allowed as the first element of a pipeline.")])
    first = node.elements[0]
    if n > 1 and isinstance(first, A.CommandExpressionAst) and not first.redirections:
        # `(expr) | cmd`: the expression is evaluated before the commands start (their begin blocks run
        # after it), and its value is the pipeline's input
        source = compiler.compile_expr(first.expression)
        rest = [compile_element(compiler, el, i, n) for i, el in enumerate(node.elements) if i > 0]

        def run_fed(ctx, out):
            ctx.last_command_failed = False
            value = source(ctx)
            processors = _make_processors(ctx, rest)
            items = enumerate_value(value)
            if type(value) is list and any(x is AUTOMATION_NULL for x in value):
                items = [x for x in value if x is not AUTOMATION_NULL]    # ([void]1, 2) | ... gets 2 only
            run_pipeline(ctx, processors, out, items)
            _set_success(ctx)
        return run_fed
    makers = [compile_element(compiler, el, i, n) for i, el in enumerate(node.elements)]

    def run(ctx, out):
        ctx.last_command_failed = False
        processors = _make_processors(ctx, makers)
        run_pipeline(ctx, processors, out)
        _set_success(ctx)
    return run


def _make_processors(ctx, makers) -> list:
    """The pipeline's processors. Inside a command with -ErrorVariable (...), only the last command's records
    reach those variables: pwsh keeps them on the enclosing command's output pipe, which only the last command
    writes to."""
    streams = ctx.streams
    if len(makers) < 2 or not streams.has_variables():
        return [m(ctx) for m in makers]
    ctx.streams = streams.detached()
    try:
        processors = [m(ctx) for m in makers[:-1]]
    finally:
        ctx.streams = streams
    processors.append(makers[-1](ctx))
    return processors
