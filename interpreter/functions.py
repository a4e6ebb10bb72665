"""Functions, filters, script blocks and script files as pipeline commands.

A script command binds its arguments like a cmdlet (through the same Binder), runs begin/process/end
in its own scope (a child of the caller's: PowerShell scoping is dynamic), sets `$_`, `$input`, `$args`,
`$PSBoundParameters` and `$MyInvocation`, and stops at `return`.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from pslark.interpreter import ast as A
from pslark.interpreter.compiler import CompiledBlock, ScriptParameter, compile_script_block
from pslark.interpreter.values import to_null
from pslark.runtime import errors as E
from pslark.runtime.binder import Binder, CommandArgument
from pslark.runtime.cmdlet import ALL_SETS, CommandMetadata, Parameter
from pslark.runtime.errors import ExitSignal, InvocationInfo, PSException, ReturnSignal
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, PSObject
from pslark.runtime.pipeline import CommandProcessor, get_property_for_binding, parameter_converter
from pslark.runtime.scriptblock import ScriptBlock
from pslark.runtime.session import LazyVariable
from pslark.runtime.types import InputEnumerator

# nested script commands (the script file counts too): a user function recursing 1000 levels deep
# (`f 1000` calling down to `f 0`) must work; deeper gives pwsh's call depth overflow error
MAX_CALL_DEPTH = 1024


class FunctionInfo:
    """A function or filter in a scope's function table (what Get-Command returns for it)."""

    type_names = ["System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                  "System.Object"]
    ps_properties = ("CommandType", "Name", "Version", "Source")

    def __init__(self, name: str, script_block: ScriptBlock, is_filter: bool, ast, module: str = ""):
        self.name = name
        self.script_block = script_block
        self.is_filter = is_filter
        self.ast = ast
        self.module = module
        self.options = frozenset()

    @property
    def command_type(self) -> str:
        return "Filter" if self.is_filter else "Function"

    @property
    def definition(self) -> str:
        return self.script_block.text

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "commandtype":
            return self.command_type
        if key == "name":
            return self.name
        if key in ("definition", "scriptblock"):
            return self.definition if key == "definition" else self.script_block
        if key == "version":
            return ""
        if key in ("source", "modulename"):
            return self.module
        if key == "parameters":
            md = script_metadata(self.script_block, self.name)
            return Hashtable((p.name, p.type) for p in md.parameters)
        raise AttributeError(name)

    def __str__(self):
        return self.name


# ------------------------------------------------------------------------------------------------
# param() compilation

def _const(compiler, node) -> Any:
    """Evaluate an attribute argument (they are constants in practice: numbers, strings, $true, arrays)."""
    if node is None:
        return True
    if isinstance(node, A.ConstantExpr):
        return node.value
    if isinstance(node, A.StringConstantExpr):
        return node.value
    if isinstance(node, A.VariableExpr):
        key = node.name.casefold()
        if key == "true":
            return True
        if key == "false":
            return False
        if key == "null":
            return None
    if isinstance(node, A.ArrayLiteralExpr):
        return [_const(compiler, e) for e in node.elements]
    if isinstance(node, A.UnaryExpr) and node.operator == "-" and isinstance(node.operand, A.ConstantExpr):
        return -node.operand.value
    if isinstance(node, A.ScriptBlockExpr):
        return ScriptBlock(node.script_block)
    fn = compiler.compile_expr(node)
    from pslark.interpreter.engine import get_engine
    return to_null(fn(get_engine().bootstrap_context()))


_ARGLESS_ATTRIBUTES = frozenset({"parameter", "allownull", "allowemptystring", "allowemptycollection",
                                  "validatenotnull", "validatenotnullorempty", "validatenotnullorwhitespace",
                                  "supportswildcards"})


def compile_parameter(compiler, p: A.ParameterAst) -> ScriptParameter:
    type_text = "object"
    type_constraint_name = None
    meta = Parameter("object", name=p.name)
    meta._has_parameter_attr = False
    sets_info: dict[str, dict] = {}
    validate_scripts = []
    for attr in p.attributes:
        name = attr.type_name.name.casefold().replace("system.management.automation.", "")
        if name.endswith("attribute"):
            name = name[:-len("attribute")]
        if isinstance(attr, A.TypeConstraintAst):
            if name not in _ARGLESS_ATTRIBUTES:
                type_constraint_name = attr.type_name
                type_text = attr.type_name.full_text
                continue
            # `[Parameter]` without parentheses names an attribute type: pwsh takes it as that attribute
            attr = A.AttributeAst(attr.extent, attr.type_name)
        named = {k.casefold(): _const(compiler, v) for k, v in attr.named}
        positional = [_const(compiler, v) for v in attr.positional]
        if name == "parameter":
            meta._has_parameter_attr = True
            set_name = named.get("parametersetname", ALL_SETS)
            info = {}
            if "mandatory" in named:
                info["mandatory"] = bool(named["mandatory"])
            if "position" in named:
                info["position"] = int(named["position"])
            if "valuefrompipeline" in named:
                info["pipeline"] = bool(named["valuefrompipeline"])
            if "valuefrompipelinebypropertyname" in named:
                info["by_property_name"] = bool(named["valuefrompipelinebypropertyname"])
            if named.get("valuefromremainingarguments"):
                meta.remaining = True
            if "helpmessage" in named:
                meta.help = str(named["helpmessage"])
            sets_info[set_name] = info
        elif name == "alias":
            meta.aliases = tuple(str(a) for a in _flatten(positional))
        elif name == "validateset":
            meta.validate_set = tuple(str(a) for a in _flatten(positional))
            if "ignorecase" in named and not named["ignorecase"]:
                meta.validate_set_case_sensitive = True
            if named.get("errormessage"):
                meta.validate_set_message = str(named["errormessage"])
        elif name == "validaterange":
            if len(positional) == 2:
                meta.validate_range = (positional[0], positional[1])
            elif len(positional) == 1:
                kind = str(positional[0]).casefold()
                meta.validate_range = {"positive": (1, None), "nonnegative": (0, None),
                                       "negative": (None, -1), "nonpositive": (None, 0)}.get(kind)
        elif name in ("allownull", "allowemptystring", "allowemptycollection"):
            setattr(meta, {"allownull": "allow_null", "allowemptystring": "allow_empty_string",
                           "allowemptycollection": "allow_empty_collection"}[name], True)
        elif name == "validatenotnull":
            meta.validate_not_null = True
        elif name == "validatenotnullorempty":
            meta.validate_not_null_or_empty = True
        elif name == "validatecount":
            meta.validate_count = (int(positional[0]), int(positional[1]))
        elif name == "validatelength":
            validate_scripts.append(_length_validator(int(positional[0]), int(positional[1])))
        elif name == "validatepattern":
            validate_scripts.append(_pattern_validator(str(positional[0]), named.get("errormessage"),
                                                       named.get("options")))
        elif name == "validatescript":
            validate_scripts.append(_script_validator(positional[0], named.get("errormessage")))
    # per-set metadata
    if sets_info:
        sets = tuple(sets_info)
        meta.sets = sets
        base = sets_info.get(ALL_SETS) or next(iter(sets_info.values()))
        meta.mandatory = base.get("mandatory", False)
        meta.position = base.get("position")
        meta.pipeline = base.get("pipeline", False)
        meta.by_property_name = base.get("by_property_name", False)
        meta.per_set = {s: i for s, i in sets_info.items() if s != ALL_SETS}
    meta.type = type_text
    meta._explicit_position = any("position" in i for i in sets_info.values())
    if validate_scripts:
        meta.validate_script = _combine(validate_scripts)
    default = compiler.compile_expr(p.default) if p.default is not None else None
    sp = ScriptParameter(meta, default, type_constraint_name, p.attributes)
    return sp


def _flatten(values):
    out = []
    for v in values:
        if isinstance(v, list):
            out.extend(v)
        else:
            out.append(v)
    return out


def _combine(validators):
    def run(binder, param, value, extent):
        for v in validators:
            v(binder, param, value, extent)
    return run


def _length_validator(low: int, high: int):
    def run(binder, param, value, extent):
        for v in value if isinstance(value, list) else [value]:
            text = "" if v is None else str(v)
            if len(text) < low:
                raise binder.error(
                    f"Cannot validate argument on parameter '{param.name}'. The character length ({len(text)}) of "
                    f"the argument is too short. Specify an argument with a length that is greater than or equal to "
                    f"\"{low}\", and then try the command again.", "ParameterArgumentValidationError", extent)
            if len(text) > high:
                raise binder.error(
                    f"Cannot validate argument on parameter '{param.name}'. The character length of the {len(text)} "
                    f"argument is too long. Shorten the character length of the argument so it is fewer than or "
                    f"equal to \"{high}\" characters, and then try the command again.",
                    "ParameterArgumentValidationError", extent)
    return run


def custom_validation_message(template: Any, value: Any, detail: str) -> str:
    """A validation attribute's ErrorMessage: String.Format(ErrorMessage, the value, the script/pattern/set)."""
    from pslark.runtime.dotnet_format import composite_format
    from pslark.runtime.culture import invariant_culture
    return composite_format(str(template), [value, detail], invariant_culture())


def _pattern_validator(pattern: str, error_message: Any = None, options: Any = None):
    from pslark.runtime.operators import get_regex
    from pslark.runtime.conversion import to_string

    def run(binder, param, value, extent):
        if options is not None:
            from pslark.runtime.types import resolve_type
            opts = int(resolve_type("System.Text.RegularExpressions.RegexOptions").convert(options))
            rx = get_regex(pattern, ignore_case=bool(opts & 1), options=opts)
        else:
            rx = get_regex(pattern, ignore_case=True)
        for v in value if isinstance(value, list) else [value]:
            text = "" if v is None else to_string(v)
            if rx.search(text) is None:
                if error_message:
                    raise binder.error(
                        f"Cannot validate argument on parameter '{param.name}'. "
                        f"{custom_validation_message(error_message, text, pattern)}",
                        "ParameterArgumentValidationError", extent)
                raise binder.error(
                    f"Cannot validate argument on parameter '{param.name}'. The argument \"{text}\" does not match "
                    f"the \"{pattern}\" pattern. Supply an argument that matches \"{pattern}\" and try the command "
                    f"again.", "ParameterArgumentValidationError", extent)
    return run


def _script_validator(sb, error_message: Any = None):
    def run(binder, param, value, extent):
        from pslark.runtime.conversion import to_bool
        for v in value if isinstance(value, list) else [value]:
            try:
                result = sb.invoke_with([], None, v, v, True)
            except PSException as exc:
                raise binder.error(f"Cannot validate argument on parameter '{param.name}'. {exc.message}",
                                   "ParameterArgumentValidationError", extent) from None
            ok = bool(result) and all(to_bool(r) for r in result)
            if not ok and error_message:
                raise binder.error(
                    f"Cannot validate argument on parameter '{param.name}'. "
                    f"{custom_validation_message(error_message, v, sb.text)}",
                    "ParameterArgumentValidationError", extent)
            if not ok:
                raise binder.error(
                    f"Cannot validate argument on parameter '{param.name}'. The \"{sb.text.strip()}\" validation "
                    f"script for the argument with value \"{v}\" did not return a result of True. Determine why the "
                    f"validation script failed, and then try the command again.",
                    "ParameterArgumentValidationError", extent)
    return run


def script_metadata(sb: ScriptBlock, name: str) -> CommandMetadata:
    cb = compiled_of(sb)
    if cb.metadata is None:
        params = [p.meta for p in cb.params]
        explicit = any(getattr(p, "_explicit_position", False) for p in params)
        if not explicit:
            pos = 0
            for p in params:
                if not p.is_switch and not p.remaining:
                    p.position = pos
                    pos += 1
        default_set = None
        for a in (cb.ast.param_block.attributes if cb.ast.param_block else ()):
            if isinstance(a, A.AttributeAst) and a.type_name.name.casefold() == "cmdletbinding":
                for k, v in a.named:
                    if k.casefold() == "defaultparametersetname" and isinstance(v, A.StringConstantExpr):
                        default_set = v.value
        cb.metadata = CommandMetadata(name, params, default_set, common=cb.is_advanced,
                                      should_process=cb.supports_should_process)
    return cb.metadata


def compiled_of(sb: ScriptBlock) -> CompiledBlock:
    cb = sb.compiled
    if cb is None:
        cb = compile_script_block(sb.ast)
        sb.compiled = cb
    return cb


# ------------------------------------------------------------------------------------------------

class MyInvocationInfo(PSObject):
    """$MyInvocation: a property bag with pwsh's names; `invocation` and `kind` ('function', 'script' or
    'scriptblock') let Write-Error report the caller, as pwsh's Write-Error uses the caller's $MyInvocation."""

    __slots__ = ("invocation", "kind")


def _my_invocation(name: str, invocation: InvocationInfo, bound: Hashtable, unbound: list,
                   script_path: Optional[str]) -> PSObject:
    extent = invocation.extent
    line = extent.source.line(extent.start_line) if extent is not None else ""
    command_props = [("Name", name), ("CommandType", "ExternalScript" if script_path else "Function"),
                     ("Definition", script_path or name)]
    if script_path:
        # an ExternalScriptInfo: Path and Source are the script's full path
        command_props += [("Path", script_path), ("Source", script_path)]
    command = PSObject(command_props,
                       ["System.Management.Automation.CommandInfo", "System.Object"], base=name)
    info = MyInvocationInfo([
        ("MyCommand", command), ("BoundParameters", bound), ("UnboundArguments", unbound),
        ("ScriptLineNumber", extent.start_line if extent is not None else 0),
        ("OffsetInLine", extent.start_column if extent is not None else 0),
        ("ScriptName", (extent.file or "") if extent is not None else ""),
        ("Line", line), ("Statement", extent.text if extent is not None else ""),
        ("PositionMessage", E.position_message(extent) if extent is not None else ""),
        ("PSScriptRoot", os.path.dirname(script_path) if script_path else ""),
        ("PSCommandPath", script_path or ""),
        ("InvocationName", invocation.invocation_name or name),
        ("PipelineLength", 1), ("PipelinePosition", invocation.pipeline_position),
        ("ExpectingInput", False), ("CommandOrigin", "Runspace"),
    ], ["System.Management.Automation.InvocationInfo", "System.Object"])
    info.invocation = invocation
    info.kind = "script" if script_path is not None else ("function" if name else "scriptblock")
    return info


class ScriptProcessor(CommandProcessor):
    """Runs a ScriptBlock (function, filter, `& {}`, `. {}`, a script file) as a pipeline command."""

    def __init__(self, ctx, sb: ScriptBlock, args: list[CommandArgument], invocation: InvocationInfo,
                 name: str = "", new_scope: bool = True, script_path: Optional[str] = None, streams=None,
                 is_filter: bool = False, using_values: Optional[dict] = None, catch_exit: bool = False,
                 preset: Optional[dict] = None):
        super().__init__()
        self.preset = preset
        self.catch_exit = catch_exit
        self.ctx = ctx
        self.sb = sb
        self.cb = compiled_of(sb)
        self.name = name or ""
        self.invocation = invocation
        self.new_scope = new_scope
        self.script_path = script_path
        # the streams in force where the command stands in its pipeline (an upstream cmdlet with redirected
        # streams runs this command's blocks while its own streams are current)
        self.streams = streams if streams is not None else ctx.streams
        self.is_filter = is_filter or sb.is_filter
        self.using_values = using_values
        md = script_metadata(sb, self.name or "ScriptBlock")
        self.md = md
        converter = _script_converter(parameter_converter(ctx), self.cb.is_advanced)
        self.binder = Binder(md, self.name, self.name, converter, allow_unbound=not self.cb.is_advanced,
                             invocation=invocation)
        self.binder.transforms_arguments = True
        self.scope = None
        self.dynamic = None             # the RuntimeDefinedParameterDictionary a dynamicparam block returned
        if self.cb.dynamicparam is not None:
            self._bind_dynamic(args, converter)
        else:
            self.result = self.binder.bind_arguments(args)
        if self.cb.is_advanced:
            self.binder.apply_default_values(self.result, ctx)
        self.input_items: list = []
        self.saved_streams = None
        self.entered = False
        self.exited = False
        self.ran_block = False          # a begin/process/end block ran: the clean block will run
        self.cleaned = False
        self.failed = False             # $PSCmdlet.WriteError was called: the calling statement's $? is false
        self.out_variable: Optional[list] = None
        self.pipeline_variable: Optional[str] = None

    # ---- scope switching: every block runs inside our scope
    def _enter(self):
        session = self.ctx.session
        prev = session.current
        session.current = self.scope
        prev_streams = None
        if self.streams is not None:
            prev_streams = self.ctx.streams
            self.ctx.streams = self.streams
        prev_using = self.ctx.using_values
        if self.using_values is not None:
            self.ctx.using_values = self.using_values
        return prev, prev_streams, prev_using

    def _leave(self, saved):
        prev, prev_streams, prev_using = saved
        self.ctx.session.current = prev
        if self.streams is not None:
            self.ctx.streams = prev_streams
        self.ctx.using_values = prev_using

    def _run(self, block, out) -> None:
        if block is None or self.exited:
            return
        self.ran_block = True
        saved = self._enter()
        # the statements inside set $? for themselves; the calling statement's $? only turns false through
        # $PSCmdlet.WriteError / a failing exit code (Write-Error in a function does not: about_Automatic_Variables)
        outer_failed = self.ctx.last_command_failed
        try:
            block(self.ctx, out)
        except ReturnSignal as signal:
            for item in getattr(signal, "pending_output", ()):
                out(item)
        except ExitSignal as exit_signal:
            if not self.catch_exit:
                raise
            # `exit` in a script called from a script returns to the caller with $LASTEXITCODE set
            self.ctx.session.set_variable("global:LASTEXITCODE", exit_signal.code)
            self.failed = self.failed or exit_signal.code != 0
            self.exited = True
        finally:
            self._leave(saved)
        self.ctx.last_command_failed = outer_failed or self.failed

    def begin(self) -> None:
        ctx = self.ctx
        ctx.call_depth += 1
        self.entered = True
        if ctx.call_depth > MAX_CALL_DEPTH:
            raise E.ScriptCallDepthException("The script failed due to call depth overflow.",
                                              error_id="CallDepthOverflow", category="InvalidOperation")
        if self.scope is None:          # (a dynamicparam block made it already)
            self.scope = self._new_scope()
        set_name = self.binder.resolve_set(self.result, self.expects_input)
        self.parameter_set = set_name
        missing = self.binder.missing_mandatory(self.result, set_name, self.expects_input)
        if missing:
            names = ", ".join(p.name for p in missing)
            raise self.binder.error(
                f"Cannot process command because of one or more missing mandatory parameters: {names}.",
                "MissingMandatoryParameter")
        self._common_variables(self.result.values)
        saved = self._enter()
        try:
            self._bind_initial()
        finally:
            self._leave(saved)
        self._run(self.cb.begin, self._out)

    def _new_scope(self):
        session = self.ctx.session
        if not self.new_scope:
            return session.current
        from pslark.runtime.session import Scope
        # a function defined in a module runs in a child of the module's scope (runtime.cmdlets.modules
        # binds its script blocks there), not of the caller's
        bound = getattr(self.sb, "session_state", None)
        parent = bound if isinstance(bound, Scope) else session.current
        return Scope(parent, is_script=self.script_path is not None)

    def _bind_dynamic(self, args: list, converter) -> None:
        """A dynamicparam block: bind the declared parameters as far as they go, run the block in the function's
        scope (it sees them in $PSBoundParameters), then bind again with the parameters it returned."""
        from pslark.runtime.conversion import unwrap
        from pslark.runtime.dynamicparams import RuntimeDefinedParameterDictionary, parameter_from
        from pslark.runtime.types import BoundParametersDictionary
        lenient = Binder(self.md, self.name, self.name, converter, allow_unbound=True, invocation=self.invocation)
        lenient.transforms_arguments = True
        try:
            static_values = lenient.bind_arguments(args).values
        except PSException:
            static_values = {}
        self.scope = self._new_scope()
        out: list = []
        saved = self._enter()
        try:
            self.ctx.session.set_local("PSBoundParameters", BoundParametersDictionary(static_values.items()))
            for sp in self.cb.params:
                if sp.meta.name in static_values:
                    self._set_param(sp, static_values[sp.meta.name])
            try:
                self.cb.dynamicparam(self.ctx, out.append)
            except ReturnSignal as signal:
                out.extend(getattr(signal, "pending_output", ()))
        finally:
            self._leave(saved)
        found = [unwrap(x) for x in out if isinstance(unwrap(x), RuntimeDefinedParameterDictionary)]
        if found:
            self.dynamic = found[-1]
            md = self.md
            extra = [parameter_from(rdp) for rdp in self.dynamic.values()]
            self.md = CommandMetadata(md.name, list(md.own_parameters) + extra,
                                      md.default_set if md.sets != [ALL_SETS] else None, common=md.common,
                                      should_process=md.should_process)
            self.binder = Binder(self.md, self.name, self.name, converter, allow_unbound=not self.cb.is_advanced,
                                 invocation=self.invocation)
            self.binder.transforms_arguments = True
        self.result = self.binder.bind_arguments(args)

    def _set_dynamic(self, name: str, value: Any) -> bool:
        """A dynamic parameter's value goes to its RuntimeDefinedParameter (there is no variable for it)."""
        if self.dynamic is None:
            return False
        rdp = self.dynamic.get(name) if name in self.dynamic else None
        if rdp is None:
            return False
        rdp.value = value
        rdp.is_set = True
        return True

    def _out(self, obj: Any) -> None:
        """The command's output: -OutVariable / -PipelineVariable see each object on its way downstream."""
        if self.out_variable is not None:
            self.out_variable.append(obj)
        if self.pipeline_variable is not None:
            self.ctx.session.set_variable(self.pipeline_variable, obj)
        self.emit(obj)

    def _common_variables(self, values: dict) -> None:
        """-OutVariable / -ErrorVariable / -WarningVariable / -InformationVariable / -PipelineVariable: the
        variables live in the caller's scope (`+name` appends to what is there); the stream ones collect every
        record the function writes, its nested commands' included."""
        for name, value in values.items():
            key = name.casefold()
            if key == "outvariable":
                self.out_variable = self._collection(str(value))
            elif key == "pipelinevariable":
                self.pipeline_variable = str(value)
            elif key in ("errorvariable", "warningvariable", "informationvariable"):
                collection = self._collection(str(value))
                base = self.streams if self.streams is not None else self.ctx.streams
                self.streams = base.with_variable(key[:-len("variable")], collection)

    def _collection(self, name: str) -> list:
        from pslark.runtime.objects import PSList
        append = name.startswith("+")
        name = name.lstrip("+")
        existing = self.ctx.session.get_variable(name) if append else None
        collection = PSList()
        if existing is not None and existing.value is not None:
            old = existing.value
            collection.extend(old if isinstance(old, list) else [old])
        self.ctx.session.set_variable(name, collection)
        return collection

    def _bind_initial(self) -> None:
        from pslark.runtime.types import BoundParametersDictionary
        ctx = self.ctx
        session = ctx.session
        bound = BoundParametersDictionary()
        values = self.result.values
        for sp in self.cb.params:
            name = sp.meta.name
            if name in values:
                value = values[name]
                bound[name] = value
            elif sp.default is not None:
                value = to_null(sp.default(ctx))
            elif sp.meta.is_switch:
                value = _switch(False)
            else:
                value = None if not _is_typed_string(sp) else ""
                if sp.type_constraint is not None and not sp.meta.is_switch:
                    # unbound and without a default: $null in the parameter's type where null converts ([int] 0,
                    # [bool] $false), else $null itself ([datetime], an enum), not a conversion error
                    try:
                        self._set_param(sp, value)
                    except E.PSInvalidCastException:
                        from pslark.interpreter.compiler import resolve_type_or_fail
                        self.ctx.session.new_variable(sp.meta.name, None, self.scope,
                                                      type_constraint=resolve_type_or_fail(sp.type_constraint))
                    continue
            if sp.meta.is_switch and not isinstance(value, _SwitchValue):
                value = _switch(bool(value))
            self._set_param(sp, value)
        for name, value in values.items():
            if name not in bound and (name.casefold() in _COMMON_KEYS or self._set_dynamic(name, value)):
                bound[name] = value
        self.bound = bound
        self._apply_common(values)
        session.set_local("PSBoundParameters", bound)
        session.set_local("args", list(self.result.unbound_args))
        unbound = list(self.result.unbound_args)
        name, invocation, script_path = self.name, self.invocation, self.script_path
        variables = session.current.variables
        if "myinvocation" in variables:     # dot-sourced: the caller's own variable takes the value
            variables["myinvocation"].value = _my_invocation(name, invocation, bound, unbound, script_path)
        else:                               # built when first read: most blocks never look at it
            variables["myinvocation"] = LazyVariable(
                "MyInvocation", lambda: _my_invocation(name, invocation, bound, unbound, script_path), frozenset())
        if self.script_path is not None:
            if not self.new_scope:
                # a dot-sourced script: pwsh gives the caller back its own $PSScriptRoot / $PSCommandPath after it
                variables = self.scope.variables
                self.restore_script_vars = [(k, variables[k].value if k in variables else _NOT_SET)
                                            for k in ("psscriptroot", "pscommandpath")]
            session.set_local("PSScriptRoot", os.path.dirname(self.script_path))
            session.set_local("PSCommandPath", self.script_path)
        if self.cb.is_advanced:
            session.set_local("PSCmdlet", PSCmdletProxy(self))
            # the command runtime's actions are fixed when the command starts: $PSCmdlet.WriteWarning(...) and
            # the like keep them even if the function then changes its own $WarningPreference ...
            self.runtime_preferences = {name: self.ctx.preference(name, default)
                                        for name, default in _RUNTIME_PREFERENCES}
        session.set_local("input", InputEnumerator([]))
        if self.preset:
            for name, value in self.preset.items():
                session.set_local(name, value)

    def _apply_common(self, values: dict) -> None:
        """-Verbose / -ErrorAction ... on an advanced function set the preference variables in its scope."""
        session = self.ctx.session
        for name, value in values.items():
            key = name.casefold()
            if key == "verbose":
                session.set_local("VerbosePreference", "Continue" if value else "SilentlyContinue")
            elif key == "debug":
                session.set_local("DebugPreference", "Continue" if value else "SilentlyContinue")
            elif key == "erroraction":
                session.set_local("ErrorActionPreference", str(value))
            elif key == "warningaction":
                session.set_local("WarningPreference", str(value))
            elif key == "informationaction":
                session.set_local("InformationPreference", str(value))
            elif key == "whatif":
                session.set_local("WhatIfPreference", bool(value))
            elif key == "confirm":
                session.set_local("ConfirmPreference", "Low" if value else "None")

    def _set_param(self, sp: ScriptParameter, value: Any) -> None:
        session = self.ctx.session
        t = None
        if sp.type_constraint is not None and not sp.meta.is_switch:
            from pslark.interpreter.compiler import resolve_type_or_fail
            t = resolve_type_or_fail(sp.type_constraint)
            if value is not None or not _is_nullable(t):
                try:
                    value = t.convert(value)
                except PSException:
                    raise
        session.new_variable(sp.meta.name, value, self.scope, type_constraint=t)

    def process(self, item: Any) -> None:
        ctx = self.ctx
        cb = self.cb
        if item is AUTOMATION_NULL or not self.expects_input:
            self.process_no_input()
            return
        process_block = cb.process
        if self.is_filter and process_block is None:
            process_block = cb.end
        if process_block is None:
            # No process block: $input collects the objects, but each one is still bound to the pipeline
            # parameters, so the end block sees the last bound value (pwsh binds per input object).
            self.input_items.append(item)
            if self.md.parameters:
                saved = self._enter()
                try:
                    self._bind_pipeline(item)
                finally:
                    self._leave(saved)
            return
        saved = self._enter()
        try:
            session = ctx.session
            session.set_local("_", item)
            session.set_local("PSItem", item)
            session.set_local("input", InputEnumerator([item]))
            bound = self._bind_pipeline(item) if self.md.parameters else True
        finally:
            self._leave(saved)
        if bound:
            self._run(process_block, self._out)

    def _bind_pipeline(self, item: Any) -> bool:
        """Bind one input object; False (after a non-terminating error, as pwsh's Read) when it cannot be bound."""
        has_pipeline_params = any(p.pipeline or p.by_property_name or p.per_set for p in self.md.own_parameters)
        if not has_pipeline_params:
            return True
        try:
            bound = self.binder.bind_pipeline(self.result, item, get_property_for_binding)
        except E.ParameterBindingException as exc:
            if not self.cb.is_advanced:
                return True
            record = exc.error_record or E.ErrorRecord(exc, invocation_info=self.invocation)
            record.target_object = item
            self.ctx.streams.write_error(record)
            return False
        for sp in self.cb.params:
            if sp.meta.name in bound:
                self._set_param(sp, bound[sp.meta.name])
                self.bound[sp.meta.name] = bound[sp.meta.name]
        for name, value in bound.items():
            if self._set_dynamic(name, value):
                self.bound[name] = value
        return True

    def process_no_input(self) -> None:
        if self.cb.process is not None:
            ctx = self.ctx
            saved = self._enter()
            try:
                ctx.session.set_local("_", None)
                ctx.session.set_local("PSItem", None)
            finally:
                self._leave(saved)
            self._run(self.cb.process, self._out)
        elif self.is_filter:
            self._run(self.cb.end, self._out)

    def end(self) -> None:
        ctx = self.ctx
        try:
            if not (self.is_filter and self.cb.process is None):
                saved = self._enter()
                try:
                    ctx.session.set_local("input", InputEnumerator(self.input_items if self.cb.process is None else []))
                    if self.cb.process is None and self.input_items:
                        pass
                finally:
                    self._leave(saved)
                self._run(self.cb.end, self._out)
        finally:
            self._leave_depth()

    def _leave_depth(self) -> None:
        if self.entered:
            self.entered = False
            self.ctx.call_depth -= 1
            restore = getattr(self, "restore_script_vars", None)
            if restore:
                self.restore_script_vars = None
                variables = self.scope.variables
                for key, value in restore:
                    if value is _NOT_SET:
                        variables.pop(key, None)
                    elif key in variables:
                        variables[key].value = value

    def _run_clean(self) -> None:
        """The clean block: once, when the pipeline is done (pwsh runs the pipeline's clean blocks in order after
        it finishes, stopped or failed), and only if one of the other blocks ran. Its output is dropped; `exit`
        and errors end it without going further."""
        if self.cb.clean is None or self.cleaned or not self.ran_block:
            return
        self.cleaned = True
        saved = self._enter()
        try:
            self.cb.clean(self.ctx, lambda _x: None)
        except (ReturnSignal, ExitSignal):
            pass
        except PSException as exc:
            # a terminating error stops the clean block but goes no further: it is written to the error
            # stream (whatever the error action) and the calling statement's $? is false
            record = exc.error_record
            if isinstance(exc, E.ActionPreferenceStopException) and record is not None and \
                    record.exception is not exc and getattr(record.exception, "error_record", None) is not None:
                record = record.exception.error_record
            if record is None:
                record = E.ErrorRecord(exc, invocation_info=self.invocation)
            self.ctx.streams.write_error(record, "Continue")
            self.failed = True
            self.ctx.last_command_failed = True
        finally:
            self._leave(saved)

    def dispose(self) -> None:
        self._leave_depth()
        self._run_clean()


_NOT_SET = object()

_COMMON_KEYS = frozenset(("verbose", "debug", "erroraction", "warningaction", "informationaction", "errorvariable",
                          "warningvariable", "outvariable", "outbuffer", "pipelinevariable", "informationvariable",
                          "whatif", "confirm", "progressaction"))


def _script_converter(convert, advanced: bool):
    """pwsh's ArgumentTypeConverterAttribute while binding a script's parameters: a [bool] parameter takes only
    Booleans and numbers ('yes' and $null are refused); an advanced function checks each element of a [bool[]]
    too and refuses an array for a [string]. (Other values convert as the type constraint says.)"""
    from pslark.runtime.conversion import unwrap
    from pslark.runtime.numbers import is_numeric

    def check_bool(v):
        v = unwrap(v)
        if v is None or not (isinstance(v, (bool, _SwitchValue)) or is_numeric(v)):
            raise E.PSInvalidCastException(
                f"Cannot convert value \"{'' if v is None else _type_full_name(v)}\" to type \"System.Boolean\". "
                f"Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.")

    def run(value, param):
        ptype = param.type.casefold()
        if ptype in ("bool", "system.boolean"):
            check_bool(value)
        elif advanced and ptype in ("bool[]", "system.boolean[]"):
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    check_bool(v)
        elif advanced and ptype in ("string", "system.string") and isinstance(unwrap(value), list):
            raise E.PSInvalidCastException("Cannot convert value to type System.String.")
        return convert(value, param)
    return run


def _type_full_name(v) -> str:
    from pslark.runtime.members import type_names
    return type_names(v)[0]


def _is_nullable(t) -> bool:
    name = getattr(t, "full_name", "")
    return name in ("System.String", "System.Object", "System.Management.Automation.PSObject") or \
        name.endswith("[]") or name in ("System.Collections.Hashtable", "System.Management.Automation.ScriptBlock")


def _is_typed_string(sp: ScriptParameter) -> bool:
    return sp.type_constraint is not None and sp.type_constraint.name.casefold() in ("string", "system.string")


class _SwitchValue:
    """[switch] parameter values: SwitchParameter with IsPresent; -eq and if treat it as a bool."""

    __slots__ = ("is_present",)
    type_names = ["System.Management.Automation.SwitchParameter", "System.ValueType", "System.Object"]
    ps_properties = ("IsPresent",)

    def __init__(self, present: bool):
        self.is_present = present

    def ps_get(self, name):
        if name.casefold() == "ispresent":
            return self.is_present
        raise AttributeError(name)

    def __bool__(self):
        return self.is_present

    def __str__(self):
        return "True" if self.is_present else "False"

    def __eq__(self, other):
        if isinstance(other, _SwitchValue):
            return self.is_present == other.is_present
        if isinstance(other, bool):
            return self.is_present == other
        return NotImplemented

    def __hash__(self):
        return hash(self.is_present)


def _switch(present: bool):
    try:
        from pslark.runtime.types import SwitchParameter
        return SwitchParameter(present)
    except ImportError:
        return _SwitchValue(present)


class PSCmdletProxy:
    """$PSCmdlet in an advanced function."""

    type_names = ["System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet",
                  "System.Object"]
    ps_properties = ("ParameterSetName", "MyInvocation", "CommandRuntime")

    def __init__(self, processor: ScriptProcessor):
        self._p = processor

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "parametersetname":
            return self._p.parameter_set if self._p.parameter_set != ALL_SETS else "__AllParameterSets"
        if key == "myinvocation":
            return self._p.ctx.session.lookup("MyInvocation").value
        if key == "sessionstate":
            return self._p.ctx.session
        if key == "commandruntime":
            return self._p.name
        raise AttributeError(name)

    def _should_process(self, args: list) -> bool:
        """$PSCmdlet.ShouldProcess(target[, action]): the advanced function's -WhatIf / -Confirm (its
        $WhatIfPreference / $ConfirmPreference) against its [CmdletBinding(ConfirmImpact)]."""
        from pslark.runtime.conversion import to_bool, to_string
        from pslark.runtime.shouldprocess import ShouldProcessState, decide
        p = self._p
        ctx = p.ctx
        target = to_string(args[0]) if args else ""
        action = to_string(args[1]) if len(args) > 1 else p.name
        state = p.__dict__.get("should_process_state")
        if state is None:
            state = p.should_process_state = ShouldProcessState()

        def verbose(message: str) -> None:
            ctx.streams.write_verbose(message)
        return decide(ctx, state, action, target, what_if=to_bool(ctx.preference("WhatIfPreference", False)),
                      confirm_threshold=ctx.preference("ConfirmPreference", "High"),
                      impact=getattr(p.cb, "confirm_impact", "Medium"), write_verbose=verbose)

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        ctx = self._p.ctx
        if key == "writeobject":
            value = args[0] if args else None
            if len(args) > 1 and args[1]:
                from pslark.interpreter.values import emit_value
                emit_value(value, self._p._out)
            else:
                self._p._out(value)
            return AUTOMATION_NULL
        prefs = getattr(self._p, "runtime_preferences", None) or {}
        if key == "writeerror":
            self._p.failed = True           # $? of the statement that called the function turns false
            ctx.streams.write_error(args[0], prefs.get("ErrorActionPreference"))
            return AUTOMATION_NULL
        if key == "throwterminatingerror":
            self._p.failed = True
            record = args[0]
            raise record.exception
        if key == "writeverbose":
            ctx.streams.write_verbose(str(args[0]), _shows(prefs.get("VerbosePreference")))
            return AUTOMATION_NULL
        if key == "writewarning":
            ctx.streams.write_warning(str(args[0]), prefs.get("WarningPreference"))
            return AUTOMATION_NULL
        if key == "writedebug":
            ctx.streams.write_debug(str(args[0]), _shows(prefs.get("DebugPreference")))
            return AUTOMATION_NULL
        if key == "writeinformation":
            # WriteInformation(InformationRecord) or WriteInformation(object messageData, string[] tags)
            from pslark.runtime.records import InformationRecord
            from pslark.runtime.conversion import unwrap
            first = unwrap(args[0]) if args else None
            if isinstance(first, InformationRecord) and len(args) == 1:
                record = first
            else:
                tags = unwrap(args[1]) if len(args) > 1 else None
                tags = () if tags is None else tuple(str(t) for t in (tags if isinstance(tags, list) else [tags]))
                record = InformationRecord(first, self._p.name, tags)
            ctx.streams.write_information(record, prefs.get("InformationPreference"))
            return AUTOMATION_NULL
        if key == "writeprogress":
            if _shows(prefs.get("ProgressPreference")) is not False:
                ctx.streams.write_progress(args[0])
            return AUTOMATION_NULL
        if key == "shouldprocess":
            return self._should_process(args)
        if key == "shouldcontinue":
            return True
        raise E.MethodException(
            f"Method invocation failed because [System.Management.Automation.PSScriptCmdlet] does not contain a "
            f"method named '{name}'.", error_id="MethodNotFound")


_RUNTIME_PREFERENCES = (("ErrorActionPreference", "Continue"), ("WarningPreference", "Continue"),
                        ("VerbosePreference", "SilentlyContinue"), ("DebugPreference", "SilentlyContinue"),
                        ("InformationPreference", "SilentlyContinue"), ("ProgressPreference", "Continue"))


def _shows(preference) -> Optional[bool]:
    """Whether a verbose/debug/progress preference displays its records (None: not known, ask the session)."""
    if preference is None:
        return None
    return str(preference).casefold() not in ("silentlycontinue", "ignore")


def run_script_file(ctx, path: str, args: list[CommandArgument], invocation: InvocationInfo, out,
                    dot_source: bool = False, input_items=None) -> None:
    """Run a .ps1 file as a command (used by the CLI and by `./x.ps1` in scripts)."""
    from pslark.interpreter.engine import get_engine
    from pslark.runtime.pipeline import run_pipeline
    sb = get_engine().script_block_from_file(path)
    proc = ScriptProcessor(ctx, sb, args, invocation, name=os.path.basename(path), new_scope=not dot_source,
                           script_path=os.path.abspath(path))
    try:
        run_pipeline(ctx, [proc], out, input_items)
    except ExitSignal as exit_signal:
        ctx.session.set_variable("global:LASTEXITCODE", exit_signal.code)
        raise
