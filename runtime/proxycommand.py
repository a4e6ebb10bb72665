"""[System.Management.Automation.CommandMetadata] and [System.Management.Automation.ProxyCommand]: a command's
metadata as an object, and the text of a proxy function for it, in pwsh's layout (CommandMetadata.GetDecl /
GetParamBlock, ParameterMetadata.GetProxyParameterData). The built-in `help` function's param block is made
with them from Get-Help's metadata, as pwsh makes it.
"""
from __future__ import annotations

from typing import Any, Optional

from pslark.runtime.cmdlet import ALL_SETS, COMMON_NAMES, CommandMetadata as _Metadata, Parameter
from pslark.runtime.errors import MethodException
from pslark.runtime.objects import Hashtable

NL = "\n"

# ToStringCodeMethods.Type: the names pwsh writes for parameter types in generated code
_CODE_TYPES = {
    "string": "string", "system.string": "string", "int": "int", "int32": "int", "system.int32": "int",
    "long": "long", "int64": "long", "system.int64": "long", "bool": "bool", "boolean": "bool",
    "system.boolean": "bool", "double": "double", "system.double": "double", "float": "float", "single": "float",
    "system.single": "float", "decimal": "decimal", "system.decimal": "decimal", "char": "char",
    "system.char": "char", "byte": "byte", "system.byte": "byte", "switch": "switch", "switchparameter": "switch",
    "system.management.automation.switchparameter": "switch", "scriptblock": "scriptblock",
    "system.management.automation.scriptblock": "scriptblock", "hashtable": "hashtable",
    "system.collections.hashtable": "hashtable", "psobject": "psobject",
    "system.management.automation.psobject": "psobject", "datetime": "datetime", "system.datetime": "datetime",
    "timespan": "timespan", "system.timespan": "timespan", "guid": "guid", "system.guid": "guid",
    "version": "version", "system.version": "version", "regex": "regex", "type": "type", "xml": "xml",
    "uri": "uri", "pscredential": "pscredential", "securestring": "securestring", "bigint": "bigint",
    "object": "System.Object", "system.object": "System.Object", "array": "array",
    "encoding": "System.Text.Encoding", "jobstate": "System.Management.Automation.JobState",
    "actionpreference": "System.Management.Automation.ActionPreference", "job": "System.Management.Automation.Job",
}


def code_type(type_name: Optional[str]) -> str:
    text = (type_name or "object").strip()
    if text.startswith("[") and text.endswith("]") and not text.endswith("[]]"):
        text = text[1:-1]
    suffix = ""
    while text.endswith("[]"):
        suffix += "[]"
        text = text[:-2]
    known = _CODE_TYPES.get(text.casefold())
    if known is not None:
        return known + suffix
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type(text)
        if t is not None:
            return _CODE_TYPES.get(t.full_name.casefold(), t.full_name) + suffix
    except Exception:   # an unknown type name is written as given
        pass
    return text + suffix


def _quote(text: str) -> str:
    """CodeGeneration.EscapeSingleQuotedStringContent."""
    return str(text).replace("'", "''").replace("\u2018", "\u2018\u2018").replace("\u2019", "\u2019\u2019")


def _var_name(name: str) -> str:
    """CodeGeneration.EscapeVariableName: braces escaped for ${name}."""
    return name.replace("`", "``").replace("}", "`}").replace("{", "`{")


class ParameterMetadata:
    """[System.Management.Automation.ParameterMetadata] for one parameter of a CommandMetadata."""

    type_names = ["System.Management.Automation.ParameterMetadata", "System.Object"]
    ps_properties = ("Name", "ParameterType", "ParameterSets", "IsDynamic", "Aliases", "Attributes",
                     "SwitchParameter")

    def __init__(self, p: Parameter):
        self.parameter = p
        self.Name = p.name

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        p = self.parameter
        if key == "name":
            return self.Name
        if key == "parametertype":
            return code_type(p.type)
        if key == "parametersets":
            return Hashtable((s, self._set_text(s)) for s in p.sets)
        if key == "isdynamic":
            return False
        if key == "aliases":
            return list(p.aliases)
        if key == "attributes":
            return [line.strip() for line in self.attribute_lines("")]
        if key == "switchparameter":
            return p.is_switch
        raise AttributeError(name)

    def _set_text(self, set_name: str) -> str:
        """ParameterSetMetadata.GetProxyParameterData: Mandatory, Position, pipeline flags of one set."""
        p = self.parameter
        parts = []
        if p.mandatory_in(set_name):
            parts.append("Mandatory=$true")
        position = p.position_in(set_name) if set_name != ALL_SETS else p.position
        if position is not None:
            parts.append(f"Position={position}")
        if p.pipeline_in(set_name):
            parts.append("ValueFromPipeline=$true")
        if p.by_property_name_in(set_name):
            parts.append("ValueFromPipelineByPropertyName=$true")
        if p.remaining:
            parts.append("ValueFromRemainingArguments=$true")
        return ", ".join(parts)

    def attribute_lines(self, prefix: str) -> list:
        """The validation and allow attributes, in pwsh's notation."""
        p = self.parameter
        out = []
        if p.validate_count:
            out.append(f"{prefix}[ValidateCount({p.validate_count[0]}, {p.validate_count[1]})]")
        if p.validate_not_null:
            out.append(f"{prefix}[ValidateNotNull()]")
        if p.validate_not_null_or_empty:
            out.append(f"{prefix}[ValidateNotNullOrEmpty()]")
        if p.validate_range:
            out.append(f"{prefix}[ValidateRange({p.validate_range[0]}, {p.validate_range[1]})]")
        if p.validate_set:
            values = ",".join(f"'{_quote(v)}'" for v in p.validate_set)
            out.append(f"{prefix}[ValidateSet({values})]")
        if p.allow_null:
            out.append(f"{prefix}[AllowNull()]")
        if p.allow_empty_string:
            out.append(f"{prefix}[AllowEmptyString()]")
        if p.allow_empty_collection:
            out.append(f"{prefix}[AllowEmptyCollection()]")
        return out

    def proxy_text(self, prefix: str, for_cmdlet: bool) -> str:
        """ParameterMetadata.GetProxyParameterData."""
        p = self.parameter
        out = []
        if for_cmdlet:
            for set_name in p.sets:
                data = self._set_text(set_name)
                if data or set_name != ALL_SETS:
                    head = f"ParameterSetName='{_quote(set_name)}'" if set_name != ALL_SETS else ""
                    inner = ", ".join(x for x in (head, data) if x)
                    out.append(f"{prefix}[Parameter({inner})]")
        if p.aliases:
            names = ",".join("'" + _quote(a) + "'" for a in p.aliases)
            out.append(f"{prefix}[Alias({names})]")
        out += self.attribute_lines(prefix)
        out.append(f"{prefix}[{'switch' if p.is_switch else code_type(p.type)}]")
        out.append(f"{prefix}${{{_var_name(p.name)}}}")
        return "".join(out)


class CommandMetadata:
    """[System.Management.Automation.CommandMetadata] of a cmdlet, an advanced function or a function."""

    type_names = ["System.Management.Automation.CommandMetadata", "System.Object"]
    ps_properties = ("Name", "CommandType", "DefaultParameterSetName", "SupportsShouldProcess", "SupportsPaging",
                     "PositionalBinding", "SupportsTransactions", "HelpUri", "RemotingCapability", "ConfirmImpact",
                     "Parameters")

    def __init__(self, name: str, command_type: str, md: _Metadata, advanced: bool, confirm_impact: str = "Medium",
                 default_set: Optional[str] = None):
        self.Name = name
        self.command_type = command_type
        self.md = md
        self.advanced = advanced
        self.confirm_impact = confirm_impact
        self.default_set = default_set
        own = [p for p in md.own_parameters if p.name.casefold() not in COMMON_NAMES]
        self.parameters = [ParameterMetadata(p) for p in own]

    @classmethod
    def of_command(cls, info: Any) -> "CommandMetadata":
        """CommandMetadata(CommandInfo): a cmdlet (CmdletInfo) or a function (FunctionInfo)."""
        from pslark.runtime.types import unwrap
        info = unwrap(info)
        if isinstance(info, CommandMetadata):
            return cls(info.Name, info.command_type, info.md, info.advanced, info.confirm_impact, info.default_set)
        klass = getattr(info, "klass", None)
        if klass is not None and hasattr(info, "metadata"):
            md = info.metadata
            default = getattr(klass, "default_set", None)
            return cls(info.name, "Cmdlet", md, True, getattr(klass, "confirm_impact", "Medium") or "Medium",
                       default)
        sb = getattr(info, "script_block", None)
        if sb is not None:
            from pslark.interpreter.functions import compiled_of, script_metadata
            md = script_metadata(sb, info.name)
            advanced = bool(getattr(compiled_of(sb), "is_advanced", False))
            return cls(info.name, "Function", md, advanced, "Medium", _explicit_default_set(sb))
        raise MethodException('Exception calling ".ctor" with "1" argument(s): "The command metadata cannot be '
                              'created for this kind of command."', error_id="MethodInvocationException")

    def ps_get(self, name: str) -> Any:
        key = name.casefold()
        if key == "name":
            return self.Name
        if key == "commandtype":
            return None
        if key == "defaultparametersetname":
            return self.default_set or ALL_SETS
        if key == "supportsshouldprocess":
            return bool(self.md.should_process)
        if key in ("supportspaging", "supportstransactions"):
            return False
        if key == "positionalbinding":
            return bool(getattr(self.md, "positional_binding", True))
        if key == "helpuri":
            return ""
        if key == "remotingcapability":
            return "PowerShell"
        if key == "confirmimpact":
            return self.confirm_impact
        if key == "parameters":
            return Hashtable((p.Name, p) for p in self.parameters)
        raise AttributeError(name)

    # ---- ProxyCommand's parts
    def decl(self) -> str:
        """CommandMetadata.GetDecl: the [CmdletBinding(...)] line ('' for a simple function)."""
        if not self.advanced:
            return ""
        parts = []
        if self.default_set and self.default_set != ALL_SETS:
            parts.append(f"DefaultParameterSetName='{_quote(self.default_set)}'")
        if self.md.should_process:
            parts.append("SupportsShouldProcess=$true")
            parts.append(f"ConfirmImpact='{self.confirm_impact}'")
        if not getattr(self.md, "positional_binding", True):
            parts.append("PositionalBinding=$false")
        return "[CmdletBinding(" + ", ".join(parts) + ")]"

    def param_block(self) -> str:
        """CommandMetadata.GetParamBlock: the parameters, each on its lines, separated by `,` and a blank line."""
        prefix = NL + "    "
        return ("," + NL).join(p.proxy_text(prefix, self.advanced) for p in self.parameters)


def _explicit_default_set(sb) -> Optional[str]:
    """DefaultParameterSetName as written in a function's [CmdletBinding()]."""
    ast = getattr(sb, "ast", None)
    block = getattr(ast, "param_block", None)
    for a in getattr(block, "attributes", ()) or ():
        type_name = getattr(getattr(a, "type_name", None), "name", "")
        if type_name.casefold() != "cmdletbinding":
            continue
        for k, v in getattr(a, "named", ()) or ():
            if k.casefold() == "defaultparametersetname":
                return getattr(v, "value", None)
    return None


# ------------------------------------------------------------------------------------------------
# [ProxyCommand]

def _md(args: list, method: str) -> CommandMetadata:
    from pslark.runtime.types import unwrap
    value = unwrap(args[0]) if args else None
    if value is not None and not isinstance(value, CommandMetadata):
        # the method binder converts the argument: a CommandInfo makes a CommandMetadata (its constructor)
        from pslark.runtime.types import resolve_type
        from pslark.runtime.errors import PSException
        try:
            value = resolve_type("System.Management.Automation.CommandMetadata").convert(value)
        except PSException:
            value = None
    if not isinstance(value, CommandMetadata):
        raise MethodException(f'Exception calling "{method}" with "{len(args)}" argument(s): "Value cannot be null. '
                              f'(Parameter \'commandMetadata\')"', error_id="ArgumentNullException")
    return value


def _begin(md: CommandMetadata) -> str:
    origin = "" if md.command_type == "Function" else "$myInvocation.CommandOrigin"
    kind = md.command_type
    if md.advanced:
        return (f"{NL}    try {{{NL}        $outBuffer = $null{NL}"
                f"        if ($PSBoundParameters.TryGetValue('OutBuffer', [ref]$outBuffer)){NL}        {{{NL}"
                f"            $PSBoundParameters['OutBuffer'] = 1{NL}        }}{NL}{NL}"
                f"        $wrappedCmd = $ExecutionContext.InvokeCommand.GetCommand('{_quote(md.Name)}', "
                f"[System.Management.Automation.CommandTypes]::{kind}){NL}"
                f"        $scriptCmd = {{& $wrappedCmd @PSBoundParameters }}{NL}{NL}"
                f"        $steppablePipeline = $scriptCmd.GetSteppablePipeline({origin}){NL}"
                f"        $steppablePipeline.Begin($PSCmdlet){NL}    }} catch {{{NL}        throw{NL}    }}{NL}")
    return (f"{NL}    try {{{NL}        $wrappedCmd = $ExecutionContext.InvokeCommand.GetCommand('{_quote(md.Name)}', "
            f"[System.Management.Automation.CommandTypes]::{kind}){NL}        $PSBoundParameters.Add('$args', $args)"
            f"{NL}        $scriptCmd = {{& $wrappedCmd @PSBoundParameters }}{NL}{NL}"
            f"        $steppablePipeline = $scriptCmd.GetSteppablePipeline({origin}){NL}"
            f"        $steppablePipeline.Begin($myInvocation.ExpectingInput, $ExecutionContext){NL}    }} catch {{{NL}"
            f"        throw{NL}    }}{NL}")


_PROCESS = f"{NL}    try {{{NL}        $steppablePipeline.Process($_){NL}    }} catch {{{NL}        throw{NL}    }}{NL}"
_END = f"{NL}    try {{{NL}        $steppablePipeline.End(){NL}    }} catch {{{NL}        throw{NL}    }}{NL}"
_CLEAN = f"{NL}    if ($null -ne $steppablePipeline) {{{NL}        $steppablePipeline.Clean(){NL}    }}{NL}"


def create(md: CommandMetadata, help_comment: Optional[str] = None) -> str:
    """ProxyCommand.Create: the whole proxy function body."""
    if not help_comment:
        help_comment = f"{NL}.ForwardHelpTargetName {md.Name}{NL}.ForwardHelpCategory {md.command_type}{NL}"
    return (f"{md.decl()}{NL}param({md.param_block()}){NL}{NL}begin{NL}{{{_begin(md)}}}{NL}{NL}process{NL}"
            f"{{{_PROCESS}}}{NL}{NL}end{NL}{{{_END}}}{NL}{NL}clean{NL}{{{_CLEAN}}}{NL}<#{NL}"
            f"{help_comment.replace('#>', '#&gt;').replace('<#', '&lt;#')}{NL}#>{NL}")


def _proxy_methods():
    from pslark.runtime.types import NetMethod
    sig = "static string {0}(System.Management.Automation.CommandMetadata commandMetadata)"
    return (
        NetMethod("Create", (sig.format("Create"),
                             "static string Create(System.Management.Automation.CommandMetadata commandMetadata, "
                             "string helpComment)",
                             "static string Create(System.Management.Automation.CommandMetadata commandMetadata, "
                             "string helpComment, bool generateDynamicParameters)"),
                  lambda t, a: create(_md(a, "Create"), str(a[1]) if len(a) > 1 and a[1] is not None else None)),
        NetMethod("GetCmdletBindingAttribute", (sig.format("GetCmdletBindingAttribute"),),
                  lambda t, a: _md(a, "GetCmdletBindingAttribute").decl()),
        NetMethod("GetParamBlock", (sig.format("GetParamBlock"),), lambda t, a: _md(a, "GetParamBlock").param_block()),
        NetMethod("GetBegin", (sig.format("GetBegin"),), lambda t, a: _begin(_md(a, "GetBegin"))),
        NetMethod("GetProcess", (sig.format("GetProcess"),), lambda t, a: (_md(a, "GetProcess"), _PROCESS)[1]),
        NetMethod("GetEnd", (sig.format("GetEnd"),), lambda t, a: (_md(a, "GetEnd"), _END)[1]),
        NetMethod("GetClean", (sig.format("GetClean"),), lambda t, a: (_md(a, "GetClean"), _CLEAN)[1]),
    )


def _metadata_ctor(args: list) -> CommandMetadata:
    if len(args) != 1:
        from pslark.runtime.types import overload_count_error
        raise overload_count_error("new", len(args))
    return CommandMetadata.of_command(args[0])


_metadata_ctor.definitions = (
    "System.Management.Automation.CommandMetadata new(System.Management.Automation.CommandInfo commandInfo)",
    "System.Management.Automation.CommandMetadata new(System.Management.Automation.CommandMetadata other)")


def command_metadata_type():
    """The PSType of [System.Management.Automation.CommandMetadata] (registered lazily by runtime/types.py)."""
    from pslark.runtime.types import PSType
    return PSType("System.Management.Automation.CommandMetadata", check=lambda v: isinstance(v, CommandMetadata),
                  ctor=_metadata_ctor, assembly=_sma())


def proxy_command_type():
    from pslark.runtime.types import PSType
    return PSType("System.Management.Automation.ProxyCommand", is_static_class=True, methods=_proxy_methods(),
                  assembly=_sma())


def parameter_metadata_type():
    from pslark.runtime.types import PSType
    return PSType("System.Management.Automation.ParameterMetadata",
                  check=lambda v: isinstance(v, ParameterMetadata), assembly=_sma())


def _sma() -> str:
    from pslark.runtime.types import SMA
    return SMA
