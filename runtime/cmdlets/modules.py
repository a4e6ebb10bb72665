"""Script modules: Import-Module (.psm1, .psd1 manifests, by name from $env:PSModulePath), Get-Module,
Remove-Module, Export-ModuleMember, and the PSModuleInfo object (pwsh's ModuleCmdletBase.cs, in the subset
pslark runs: script and manifest modules).

A module runs in its own scope (a child of the global scope, marked as a script scope so `$script:` means
the module). Its functions keep that scope as their parent when called (ScriptBlock.session_state), and the
exported ones are added to the importer's session (the global scope unless -Scope Local).
"""
from __future__ import annotations

import os
from typing import Any, Optional

from pslark.runtime.cmdlet import CMDLETS, Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.variables import as_list, as_str_list, matcher, text
from pslark.runtime.errors import (
    FileNotFoundException, InvalidOperationException, PSException, RuntimeException,
)
from pslark.runtime.objects import AUTOMATION_NULL, Hashtable, OrderedDictionary, PSObject
from pslark.runtime.session import unix_module_path
from pslark.runtime.shouldprocess import Operation

CORE = "Microsoft.PowerShell.Core"
BUILTIN_MODULES = ("Microsoft.PowerShell.Core", "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Utility",
                   "Microsoft.PowerShell.Host", "Microsoft.PowerShell.Security", "ThreadJob")
BUILTIN_VERSIONS = {"microsoft.powershell.core": "7.4.0", "threadjob": "2.0.3"}


def _version(textual: str):
    """A System.Version when the type layer has one (prints as `1.0`), else the text."""
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type("System.Version")
        if t is not None:
            return t.convert(textual)
    except Exception:
        pass
    return textual


def _ordered(pairs) -> OrderedDictionary:
    d = OrderedDictionary()
    for k, v in pairs:
        d[k] = v
    return d


def default_module_path() -> list[str]:
    """$env:PSModulePath's folders, or pwsh's defaults on Unix when it is unset."""
    env = os.environ.get("PSModulePath")
    if env:
        return [p for p in env.split(os.pathsep) if p]
    return unix_module_path()


class PSModuleInfo:
    """System.Management.Automation.PSModuleInfo."""

    type_names = ["System.Management.Automation.PSModuleInfo", "System.Object"]
    ps_properties = ("LogPipelineExecutionDetails", "Name", "Path", "ImplementingAssembly", "Definition",
                     "Description", "Guid", "HelpInfoUri", "ModuleBase", "PrivateData", "ExperimentalFeatures",
                     "Tags", "ProjectUri", "IconUri", "LicenseUri", "ReleaseNotes", "RepositorySourceLocation",
                     "Version", "ModuleType", "Author", "AccessMode", "ClrVersion", "CompanyName", "Copyright",
                     "DotNetFrameworkVersion", "ExportedFunctions", "Prefix", "ExportedCmdlets", "ExportedCommands",
                     "FileList", "CompatiblePSEditions", "ModuleList", "NestedModules", "PowerShellHostName",
                     "PowerShellHostVersion", "PowerShellVersion", "ProcessorArchitecture", "Scripts",
                     "RequiredAssemblies", "RequiredModules", "RootModule", "ExportedVariables", "ExportedAliases",
                     "ExportedDscResources", "SessionState", "OnRemove", "ExportedFormatFiles",
                     "ExportedTypeFiles")

    def __init__(self, name: str, path: str = "", module_type: str = "Script", version: str = "0.0"):
        self.name = name
        self.path = path
        self.module_type = module_type
        self.version = _version(version)
        self.description = ""
        self.author = ""
        self.company = ""
        self.copyright = ""
        self.guid = None
        self.prefix = ""
        self.private_data = None
        self.definition = ""
        self.scope = None                 # the module's own Scope
        self.functions: dict = {}         # exported name -> FunctionInfo (prefixed names)
        self.cmdlets: dict = {}
        self.variables: dict = {}
        self.aliases: dict = {}
        self.nested: list = []
        self.required_modules: list = []
        self.compatible_editions: list = []
        self.power_shell_version = None
        self.root_module = None
        self.imported: list = []          # (scope, table, key, obj) added to importing sessions
        self.tags: list = []

    @property
    def module_base(self) -> str:
        return os.path.dirname(self.path) if self.path else ""

    def exported_commands(self) -> OrderedDictionary:
        pairs = list(self.cmdlets.items()) + list(self.functions.items()) + list(self.aliases.items())
        return _ordered(sorted(pairs, key=lambda kv: kv[0].casefold()))

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return self.name
        if key == "path":
            return self.path
        if key == "modulebase":
            return self.module_base
        if key == "moduletype":
            return self.module_type
        if key == "version":
            return self.version
        if key == "description":
            return self.description
        if key == "author":
            return self.author
        if key == "companyname":
            return self.company
        if key == "copyright":
            return self.copyright
        if key == "guid":
            return self.guid
        if key == "prefix":
            return self.prefix
        if key == "privatedata":
            return self.private_data
        if key == "definition":
            return self.definition
        if key == "exportedcommands":
            return self.exported_commands()
        if key == "exportedfunctions":
            return _ordered(sorted(self.functions.items(), key=lambda kv: kv[0].casefold()))
        if key == "exportedcmdlets":
            return _ordered(sorted(self.cmdlets.items(), key=lambda kv: kv[0].casefold()))
        if key == "exportedvariables":
            return _ordered(sorted(self.variables.items(), key=lambda kv: kv[0].casefold()))
        if key == "exportedaliases":
            return _ordered(sorted(self.aliases.items(), key=lambda kv: kv[0].casefold()))
        if key == "nestedmodules":
            return list(self.nested)
        if key == "requiredmodules":
            return list(self.required_modules)
        if key == "compatiblepseditions":
            return list(self.compatible_editions)
        if key == "powershellversion":
            return self.power_shell_version
        if key == "rootmodule":
            return self.root_module
        if key == "sessionstate":
            return self.scope
        if key == "accessmode":
            return "ReadWrite"
        if key == "tags":
            return list(self.tags)
        if key in ("exporteddscresources", "exportedformatfiles", "exportedtypefiles", "filelist", "modulelist",
                   "scripts", "requiredassemblies", "experimentalfeatures"):
            return []
        if key == "logpipelineexecutiondetails":
            return False
        if key in ("implementingassembly", "helpinfouri", "projecturi", "iconuri", "licenseuri", "releasenotes",
                   "repositorysourcelocation", "clrversion", "dotnetframeworkversion", "powershellhostname",
                   "powershellhostversion", "processorarchitecture", "onremove"):
            return None
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        if key == "tostring":
            return self.name
        if key == "gethashcode":
            return id(self) & 0x7FFFFFFF
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self.name

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"PSModuleInfo({self.name!r}, {self.module_type!r})"


def _register_views() -> None:
    """pwsh's PSModuleInfo views (PowerShellCore.format.ps1xml: "Module" table, and ModuleInfoGrouping)."""
    try:
        from pslark.runtime.formatting import Column, GroupBy, ListItem, ListView, TableView, WideView, \
            register_view, view_for
    except Exception:   # the formatter is optional for the cmdlets themselves
        return
    if view_for(["System.Management.Automation.PSModuleInfo"]) is not None:
        return

    def base(o):
        return o.base if isinstance(o, PSObject) and o.base is not None else o

    def commands(o, ctx):
        o = base(o)
        try:
            d = o.ps_get("ExportedCommands")
            return list(d.keys())
        except Exception:
            return None

    def prerelease(o, ctx):
        pd = getattr(base(o), "private_data", None)
        if isinstance(pd, Hashtable):
            psdata = pd.get("PSData")
            if isinstance(psdata, Hashtable):
                return psdata.get("Prerelease")
        return None

    def edition(o, ctx):
        eds = list(getattr(base(o), "compatible_editions", []) or []) or ["Desktop"]
        return ",".join(sorted(str(e)[:4] for e in eds))

    def group_dir(o, ctx):
        path = getattr(base(o), "path", "") or ""
        parent = os.path.dirname(path)
        leaf = os.path.basename(parent)
        if leaf and all(part.isdigit() for part in leaf.split(".")) and "." in leaf:
            parent = os.path.dirname(parent)
        return os.path.dirname(parent)

    types = ("System.Management.Automation.PSModuleInfo",)
    register_view(TableView("ModuleInfoGrouping", ("ModuleInfoGrouping",), (
        Column("ModuleType", "ModuleType", "left", 10),
        Column("Version", "Version", "left", 10),
        Column("PreRelease", prerelease, "left", 10),
        Column("Name", "Name", "left", 35),
        Column("PSEdition", edition, "left", 9),
        Column("ExportedCommands", commands, "left", 0),
    ), group_by=GroupBy(group_dir, render=lambda v, o, c: "    Directory: " + ("" if v is None else str(v)))))
    register_view(TableView("Module", types, (
        Column("ModuleType", "ModuleType", "left", 10),
        Column("Version", "Version", "left", 10),
        Column("PreRelease", prerelease, "left", 10),
        Column("Name", "Name", "left", 35),
        Column("ExportedCommands", commands, "left", 0),
    )))
    register_view(WideView("Module", types, "Name"))
    register_view(ListView("Module", types, (
        ListItem(None, "Name"), ListItem(None, "Path"), ListItem(None, "Description"), ListItem(None, "ModuleType"),
        ListItem(None, "Version"), ListItem(None, "NestedModules"),
        ListItem("ExportedFunctions", lambda o, c: list(base(o).functions.keys())),
        ListItem("ExportedCmdlets", lambda o, c: list(base(o).cmdlets.keys())),
        ListItem("ExportedVariables", lambda o, c: list(base(o).variables.keys())),
        ListItem("ExportedAliases", lambda o, c: list(base(o).aliases.keys())),
    )))


_register_views()


# ------------------------------------------------------------------------------------------------
# module table and loading

def module_table(ctx) -> dict:
    table = getattr(ctx, "module_table", None)
    if table is None:
        table = {}
        ctx.module_table = table
    return table


def _loading_stack(ctx) -> list:
    stack = ctx.__dict__.get("_pslark_module_loading")
    if stack is None:
        stack = []
        ctx.__dict__["_pslark_module_loading"] = stack
    return stack


class ModuleLoadError(RuntimeException):
    dotnet_type = "System.IO.FileNotFoundException"


def module_not_found(name: str) -> FileNotFoundException:
    return FileNotFoundException(
        f"The specified module '{name}' was not loaded because no valid module file was found in any module "
        f"directory.", error_id="Modules_ModuleNotFound", category="ResourceUnavailable", target=name)


def find_module_file(ctx, name: str) -> Optional[str]:
    """A .psd1/.psm1/.ps1 for a module name or path ($env:PSModulePath folders for bare names)."""
    session = ctx.session
    is_path = "/" in name or "\\" in name or name.startswith(".") or name.startswith("~") or \
        name.casefold().endswith((".psm1", ".psd1", ".ps1"))
    if is_path:
        full = session.resolve_path(name)
        if os.path.isfile(full):
            return full
        if os.path.isdir(full):
            return _module_in_dir(full, os.path.basename(full.rstrip("/")))
        for ext in (".psd1", ".psm1"):
            if os.path.isfile(full + ext):
                return full + ext
        return None
    for base in default_module_path():
        d = os.path.join(base, name)
        if not os.path.isdir(d):
            try:
                match = next((e for e in os.listdir(base) if e.casefold() == name.casefold()), None)
            except OSError:
                match = None
            if match is None:
                continue
            d = os.path.join(base, match)
        found = _module_in_dir(d, os.path.basename(d))
        if found:
            return found
    return None


def _module_in_dir(directory: str, name: str) -> Optional[str]:
    for ext in (".psd1", ".psm1"):
        candidate = os.path.join(directory, name + ext)
        if os.path.isfile(candidate):
            return candidate
    # versioned sub-folders: <dir>/<version>/<name>.psd1 (the highest version wins)
    try:
        versions = [e for e in os.listdir(directory) if os.path.isdir(os.path.join(directory, e))
                    and all(p.isdigit() for p in e.split(".")) and e[:1].isdigit()]
    except OSError:
        versions = []
    for v in sorted(versions, key=lambda s: [int(p) for p in s.split(".")], reverse=True):
        for ext in (".psd1", ".psm1"):
            candidate = os.path.join(directory, v, name + ext)
            if os.path.isfile(candidate):
                return candidate
    return None


def read_data_file(ctx, path: str) -> Hashtable:
    """Evaluate a .psd1 (a hashtable literal) in a throw-away scope."""
    from pslark.runtime.session import Scope
    sb = ctx.engine.script_block_from_file(path)
    session = ctx.session
    saved = session.current
    session.current = Scope(session.global_scope)
    try:
        result = sb.invoke_with([], None, new_scope=False)
    finally:
        session.current = saved
    for item in result:
        item = item.base if isinstance(item, PSObject) and item.base is not None else item
        if isinstance(item, Hashtable):
            return item
    raise InvalidOperationException(
        f"The module manifest '{path}' could not be processed because it is not a valid PowerShell module manifest "
        f"file. Remove the elements that are not permitted: {path}", error_id="Modules_InvalidManifest",
        category="InvalidData", target=path)


def _manifest_list(value: Any) -> Optional[list[str]]:
    if value is None:
        return None
    out = []
    for v in as_list(value):
        v = v.base if isinstance(v, PSObject) and v.base is not None else v
        if isinstance(v, Hashtable):
            v = v.get("ModuleName")
        if v is not None:
            out.append(text(v))
    return out


def _prefixed(name: str, prefix: str) -> str:
    if not prefix:
        return name
    if "-" in name:
        verb, _, noun = name.partition("-")
        return f"{verb}-{prefix}{noun}"
    return prefix + name


class ModuleLoader:
    """Loads one module file into a new module scope and works out what it exports."""

    def __init__(self, cmd: Cmdlet, args: list):
        self.cmd = cmd
        self.ctx = cmd.ctx
        self.args = args

    def load(self, path: str, name: Optional[str] = None) -> PSModuleInfo:
        lower = path.casefold()
        if lower.endswith(".psd1"):
            return self.load_manifest(path)
        module_name = name or os.path.splitext(os.path.basename(path))[0]
        info = PSModuleInfo(module_name, path, "Script")
        self.run_script_module(info, path)
        return info

    def run_script_module(self, info: PSModuleInfo, path: str) -> None:
        from pslark.runtime.session import Scope
        ctx = self.ctx
        session = ctx.session
        scope = Scope(session.global_scope, is_script=True)
        info.scope = scope
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                info.definition = fh.read()
        except OSError:
            info.definition = ""
        sb = ctx.engine.script_block_from_file(path)
        session.new_variable("PSScriptRoot", os.path.dirname(path), scope)
        session.new_variable("PSCommandPath", path, scope)
        exports = {"functions": None, "variables": None, "aliases": None, "cmdlets": None}
        stack = _loading_stack(ctx)
        stack.append((info, exports))
        saved = session.current
        session.current = scope
        output: list = []
        try:
            output = sb.invoke_with(list(self.args), None, new_scope=False)
        finally:
            session.current = saved
            stack.pop()
        for item in output:
            if item is not AUTOMATION_NULL:
                self.cmd.write_object(item)
        # every function of the module runs in the module's scope
        for f in scope.functions.values():
            fsb = getattr(f, "script_block", None)
            if fsb is not None:
                try:
                    fsb.session_state = scope
                except AttributeError:
                    pass
            try:
                f.module = info.name
            except AttributeError:
                pass
        self.collect_exports(info, scope, exports)

    def collect_exports(self, info: PSModuleInfo, scope, exports: dict) -> None:
        funcs = exports["functions"]
        for key, f in scope.functions.items():
            if funcs is None or matcher(funcs)(f.name):
                info.functions[f.name] = f
        varnames = exports["variables"]
        if varnames:
            m = matcher(varnames)
            for key, var in scope.variables.items():
                if m(var.name) and var.name not in ("PSScriptRoot", "PSCommandPath", "args", "input", "_",
                                                     "PSItem", "MyInvocation", "PSBoundParameters"):
                    info.variables[var.name] = var
        aliasnames = exports["aliases"]
        if aliasnames:
            m = matcher(aliasnames)
            for key, alias in scope.aliases.items():
                if m(alias.name):
                    info.aliases[alias.name] = alias

    def load_manifest(self, path: str) -> PSModuleInfo:
        data = read_data_file(self.ctx, path)
        name = os.path.splitext(os.path.basename(path))[0]
        version = text(data.get("ModuleVersion")) if data.get("ModuleVersion") is not None else "0.0"
        root = data.get("RootModule") or data.get("ModuleToProcess")
        base = os.path.dirname(path)
        info = PSModuleInfo(name, path, "Manifest", version)
        info.description = text(data.get("Description")) if data.get("Description") is not None else ""
        info.author = text(data.get("Author")) if data.get("Author") is not None else ""
        info.company = text(data.get("CompanyName")) if data.get("CompanyName") is not None else ""
        info.copyright = text(data.get("Copyright")) if data.get("Copyright") is not None else ""
        info.guid = data.get("GUID")
        info.private_data = data.get("PrivateData")
        info.power_shell_version = data.get("PowerShellVersion")
        info.compatible_editions = _manifest_list(data.get("CompatiblePSEditions")) or []
        info.prefix = text(data.get("DefaultCommandPrefix")) if data.get("DefaultCommandPrefix") else ""
        pd = info.private_data
        if isinstance(pd, Hashtable) and isinstance(pd.get("PSData"), Hashtable):
            tags = pd.get("PSData").get("Tags")
            info.tags = _manifest_list(tags) or []
        for req in _manifest_list(data.get("RequiredModules")) or []:
            loaded = module_table(self.ctx).get(req.casefold())
            if loaded is None:
                found = find_module_file(self.ctx, req)
                if found is None and req not in BUILTIN_MODULES:
                    raise FileNotFoundException(
                        f"The required module '{req}' is not loaded. Load the module or remove the module from "
                        f"'RequiredModules' in the file '{path}'.", error_id="Modules_InvalidManifest",
                        category="ResourceUnavailable", target=path)
                if found is not None:
                    sub = ModuleLoader(self.cmd, []).load(found)
                    ImportModule.publish(self.cmd, sub, self.ctx.session.global_scope, sub.prefix, None)
                    module_table(self.ctx)[sub.name.casefold()] = sub
                    loaded = sub
            if loaded is not None:
                info.required_modules.append(loaded)
        candidates = PSModuleInfo(name)     # everything the root and nested modules export
        nested_names = _manifest_list(data.get("NestedModules")) or []
        for nested in nested_names:
            npath = self._resolve_relative(base, nested)
            if npath is None:
                raise module_not_found(nested)
            sub = ModuleLoader(self.cmd, []).load(npath)
            info.nested.append(sub)
            self._merge(candidates, sub)
        if root:
            rpath = self._resolve_relative(base, text(root))
            if rpath is None:
                raise module_not_found(text(root))
            sub = ModuleLoader(self.cmd, self.args).load(rpath, name=name)
            info.root_module = text(root)
            info.scope = sub.scope
            info.definition = sub.definition
            if sub.module_type == "Script":
                info.module_type = "Script"
            self._merge(candidates, sub)
        for f in candidates.functions.values():
            try:
                f.module = name
            except AttributeError:
                pass
        self._filter(info, candidates, data)
        return info

    @staticmethod
    def _merge(into: PSModuleInfo, sub: PSModuleInfo) -> None:
        into.functions.update(sub.functions)
        into.variables.update(sub.variables)
        into.aliases.update(sub.aliases)
        into.cmdlets.update(sub.cmdlets)

    @staticmethod
    def _filter(info: PSModuleInfo, candidates: PSModuleInfo, data: Hashtable) -> None:
        def pick(source: dict, key: str, default_all: bool) -> dict:
            wanted = _manifest_list(data.get(key))
            if wanted is None:
                return dict(source) if default_all else {}
            m = matcher(wanted) if wanted else (lambda n: False)
            return {k: v for k, v in source.items() if m(k)}
        info.functions = pick(candidates.functions, "FunctionsToExport", True)
        info.variables = pick(candidates.variables, "VariablesToExport", True)
        info.aliases = pick(candidates.aliases, "AliasesToExport", True)
        info.cmdlets = pick(candidates.cmdlets, "CmdletsToExport", True)

    def _resolve_relative(self, base: str, name: str) -> Optional[str]:
        if os.path.isabs(name):
            candidate = name
        else:
            candidate = os.path.normpath(os.path.join(base, name.replace("\\", "/")))
        if os.path.isfile(candidate):
            return candidate
        for ext in (".psm1", ".psd1", ".ps1"):
            if os.path.isfile(candidate + ext):
                return candidate + ext
        if os.path.isdir(candidate):
            return _module_in_dir(candidate, os.path.basename(candidate))
        found = find_module_file(self.ctx, name)
        return found


def builtin_module(name: str) -> Optional[PSModuleInfo]:
    for b in BUILTIN_MODULES:
        if b.casefold() == name.casefold():
            info = PSModuleInfo(b, "", "Manifest", BUILTIN_VERSIONS.get(b.casefold(), "7.0.0.0"))
            for c in CMDLETS.values():
                if c.module.casefold() == b.casefold():
                    info.cmdlets[c.name] = c
            if b == "Microsoft.PowerShell.Core":
                info.module_type = "Manifest"
            return info
    return None


# ------------------------------------------------------------------------------------------------
# cmdlets

class _ModuleCmdlet(Cmdlet):
    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def report(self, exc: PSException, error_id: Optional[str] = None, target: Any = None) -> None:
        eid = error_id or exc.error_id or type(exc).__name__
        self.write_error(self.error_record(exc.message, eid, exc.category or exc.default_category,
                                           target if target is not None else exc.target, exc))


@cmdlet("Import-Module", aliases=("ipmo",), default_set="Name", module=CORE)
class ImportModule(_ModuleCmdlet):
    name = Parameter("string[]", position=0, mandatory=True, pipeline=True, sets=("Name",))
    fully_qualified_name = Parameter("object", mandatory=True, pipeline=True, sets=("FullyQualifiedName",))
    module_info = Parameter("object[]", position=0, mandatory=True, pipeline=True, sets=("ModuleInfo",))
    global_ = Parameter("switch", name="Global")
    prefix = Parameter("string")
    function = Parameter("string[]")
    cmdlet_ = Parameter("string[]", name="Cmdlet")
    variable = Parameter("string[]")
    alias = Parameter("string[]")
    force = Parameter("switch")
    skip_edition_check = Parameter("switch")
    pass_thru = Parameter("switch")
    as_custom_object = Parameter("switch")
    minimum_version = Parameter("string", aliases=("Version",))
    maximum_version = Parameter("string")
    required_version = Parameter("string")
    argument_list = Parameter("object[]", aliases=("Args",))
    disable_name_checking = Parameter("switch")
    no_clobber = Parameter("switch", aliases=("NoOverwrite",))
    scope = Parameter("string", validate_set=("Local", "Global"))

    def target_scope(self):
        session = self.ctx.session
        if self.scope and self.scope.casefold() == "local":
            return session.current
        if self.global_:
            return session.global_scope
        stack = _loading_stack(self.ctx)
        if stack and stack[-1][0].scope is not None:
            return stack[-1][0].scope          # a module importing a module keeps it to itself
        return session.global_scope

    def process_record(self):
        if self.parameter_set == "ModuleInfo":
            for m in as_list(self.module_info):
                m = m.base if isinstance(m, PSObject) and m.base is not None else m
                if isinstance(m, PSModuleInfo):
                    if m.path:
                        self.import_one(m.path, m.name)
                    else:
                        self.publish_existing(m)
            return
        names = as_str_list(self.name) if self.parameter_set == "Name" else \
            [text(v.get("ModuleName") if isinstance(v, Hashtable) else v) for v in as_list(self.fully_qualified_name)]
        for n in names:
            self.ctx.check_stop()
            self.import_one(n, None)

    def publish_existing(self, info: PSModuleInfo) -> None:
        ImportModule.publish(self, info, self.target_scope(), self.prefix or info.prefix, self.member_filters())
        if self.pass_thru:
            self.write_object(info)

    def member_filters(self) -> Optional[dict]:
        if self.function is None and self.variable is None and self.alias is None and self.cmdlet_ is None:
            return None
        return {"functions": as_str_list(self.function) if self.function is not None else None,
                "variables": as_str_list(self.variable) if self.variable is not None else None,
                "aliases": as_str_list(self.alias) if self.alias is not None else None,
                "cmdlets": as_str_list(self.cmdlet_) if self.cmdlet_ is not None else None}

    def import_one(self, name: str, known_name: Optional[str]) -> None:
        ctx = self.ctx
        table = module_table(ctx)
        builtin = builtin_module(name)
        if builtin is not None:
            existing = table.get(builtin.name.casefold())
            if existing is None:
                table[builtin.name.casefold()] = builtin
                existing = builtin
            if self.pass_thru:
                self.write_object(existing)
            return
        path = find_module_file(ctx, name)
        if path is None:
            exc = module_not_found(name)
            self.report(exc, "Modules_ModuleNotFound", name)
            return
        module_name = known_name or os.path.splitext(os.path.basename(path))[0]
        existing = table.get(module_name.casefold())
        if existing is not None and not self.force:
            ImportModule.publish(self, existing, self.target_scope(), self.prefix if self.prefix is not None
                                 else existing.prefix, self.member_filters())
            if self.pass_thru:
                self.write_object(existing)
            return
        if existing is not None:
            unpublish(existing)
            table.pop(module_name.casefold(), None)
        if self.required_version or self.minimum_version or self.maximum_version:
            pass   # versions are checked after the manifest is read
        try:
            info = ModuleLoader(self, as_list(self.argument_list)).load(path)
        except PSException as exc:
            if exc.error_record is not None and exc.error_record.fully_qualified_error_id and \
                    "," in exc.error_record.fully_qualified_error_id:
                raise
            self.report(exc, exc.error_id or "Modules_InvalidManifest", path)
            return
        if not self.version_ok(info):
            return
        table[info.name.casefold()] = info
        prefix = self.prefix if self.prefix is not None else info.prefix
        ImportModule.publish(self, info, self.target_scope(), prefix, self.member_filters())
        if self.as_custom_object:
            obj = PSObject()
            for fname, f in info.functions.items():
                obj.add_property(fname, f)
            self.write_object(obj)
        elif self.pass_thru:
            self.write_object(info)

    def version_ok(self, info: PSModuleInfo) -> bool:
        def as_tuple(v) -> tuple:
            parts = []
            for p in text(v).split("."):
                try:
                    parts.append(int(p))
                except ValueError:
                    parts.append(0)
            while len(parts) < 4:
                parts.append(0)
            return tuple(parts)
        have = as_tuple(info.version)
        if self.required_version and have != as_tuple(self.required_version):
            msg = (f"The specified module '{info.name}' with version '{self.required_version}' was not loaded "
                   f"because no valid module file was found in any module directory.")
        elif self.minimum_version and have < as_tuple(self.minimum_version):
            msg = (f"The specified module '{info.name}' with version '{self.minimum_version}' was not loaded "
                   f"because no valid module file was found in any module directory.")
        elif self.maximum_version and have > as_tuple(self.maximum_version):
            msg = (f"The specified module '{info.name}' with version '{self.maximum_version}' was not loaded "
                   f"because no valid module file was found in any module directory.")
        else:
            return True
        exc = FileNotFoundException(msg, category="ResourceUnavailable", target=info.name)
        self.report(exc, "Modules_ModuleWithVersionNotFound", info.name)
        return False

    @staticmethod
    def publish(cmd: Cmdlet, info: PSModuleInfo, scope, prefix: Optional[str], filters: Optional[dict]) -> None:
        """Add the module's exported members to a scope (functions renamed with -Prefix)."""
        def allowed(kind: str, name: str) -> bool:
            if filters is None:
                return True
            patterns = filters.get(kind)
            if patterns is None:
                return not any(v is not None for v in filters.values())
            return matcher(patterns)(name)

        prefix = prefix or ""
        renamed = {}
        for fname, f in list(info.functions.items()):
            if not allowed("functions", fname):
                continue
            new_name = _prefixed(fname, prefix)
            if new_name != fname:
                try:
                    f = type(f)(new_name, f.script_block, f.is_filter, f.ast, info.name)
                except Exception:
                    pass
            renamed[new_name] = f
            scope.functions[new_name.casefold()] = f
            info.imported.append((scope, "functions", new_name.casefold(), f))
        if prefix:
            info.functions = renamed if filters is None else {**info.functions, **renamed}
        for vname, var in info.variables.items():
            if not allowed("variables", vname):
                continue
            scope.variables[vname.casefold()] = var
            info.imported.append((scope, "variables", vname.casefold(), var))
        for aname, alias in info.aliases.items():
            if not allowed("aliases", aname):
                continue
            new_name = _prefixed(aname, prefix) if prefix else aname
            scope.aliases[new_name.casefold()] = alias
            info.imported.append((scope, "aliases", new_name.casefold(), alias))


def unpublish(info: PSModuleInfo) -> None:
    """Take a module's members out of every scope it was imported into."""
    for scope, table_name, key, obj in info.imported:
        table = getattr(scope, table_name)
        if table.get(key) is obj:
            del table[key]
    info.imported.clear()


@cmdlet("Remove-Module", aliases=("rmo",), should_process=True, default_set="name", module=CORE)
class RemoveModule(_ModuleCmdlet):
    name = Parameter("string[]", position=0, mandatory=True, by_property_name=True, sets=("name",))
    fully_qualified_name = Parameter("object", mandatory=True, by_property_name=True, sets=("FullyQualifiedName",))
    module_info = Parameter("object[]", position=0, mandatory=True, pipeline=True, sets=("ModuleInfo",))
    force = Parameter("switch")
    operations = {"remove": Operation(None, "{0} ({1})")}     # ShouldProcess(ConfirmRemoveModule: name, path)

    def begin_processing(self):
        self.removed_any = False
        self.asked = False

    def process_record(self):
        table = module_table(self.ctx)
        self.asked = True
        if self.parameter_set == "ModuleInfo":
            targets = []
            for m in as_list(self.module_info):
                m = m.base if isinstance(m, PSObject) and m.base is not None else m
                if isinstance(m, PSModuleInfo):
                    targets.append(m)
        else:
            names = as_str_list(self.name) if self.parameter_set == "name" else \
                [text(v.get("ModuleName") if isinstance(v, Hashtable) else v)
                 for v in as_list(self.fully_qualified_name)]
            targets = []
            from pslark.runtime.wildcard import has_wildcard
            for n in names:
                m = matcher([n])
                hits = [mod for mod in table.values() if m(mod.name)]
                if not hits and not has_wildcard(n):
                    exc = InvalidOperationException(
                        f"No modules were removed. Verify that the specification of modules to remove is correct and "
                        f"those modules exist in the runspace.", category="ResourceUnavailable", target=n)
                    self.report(exc, "Modules_NoModulesRemoved", n)
                targets += hits
        for mod in targets:
            if not self.should_process("remove", mod.name, mod.path):
                continue
            unpublish(mod)
            for key, value in list(table.items()):
                if value is mod:
                    del table[key]
            self.removed_any = True


@cmdlet("Get-Module", aliases=("gmo",), module=CORE)
class GetModule(_ModuleCmdlet):
    name = Parameter("string[]", position=0, pipeline=True)
    fully_qualified_name = Parameter("object", pipeline=True)
    all = Parameter("switch")
    list_available = Parameter("switch")
    ps_edition = Parameter("string", name="PSEdition")
    skip_edition_check = Parameter("switch")
    refresh = Parameter("switch")

    def process_record(self):
        names = as_str_list(self.name) if self.name is not None else ["*"]
        m = matcher(names)
        if self.list_available:
            for info in self.available():
                if m(info.name):
                    obj = PSObject(type_names=["ModuleInfoGrouping"] + info.type_names, base=info)
                    self.write_object(obj)
            return
        mods = sorted(module_table(self.ctx).values(), key=lambda x: x.name.casefold())
        for mod in mods:
            if m(mod.name):
                self.write_object(mod)

    def available(self) -> list[PSModuleInfo]:
        out = []
        seen = set()
        for base in default_module_path():
            try:
                entries = sorted(os.listdir(base), key=str.casefold)
            except OSError:
                continue
            for entry in entries:
                d = os.path.join(base, entry)
                if not os.path.isdir(d):
                    continue
                path = _module_in_dir(d, entry)
                if path is None or path in seen:
                    continue
                seen.add(path)
                info = self.describe(path, entry)
                if info is not None:
                    out.append(info)
        return out

    def describe(self, path: str, name: str) -> Optional[PSModuleInfo]:
        """Module metadata without running it (manifests are read; .psm1 exports are scanned for functions)."""
        if path.casefold().endswith(".psd1"):
            try:
                data = read_data_file(self.ctx, path)
            except PSException:
                return None
            version = text(data.get("ModuleVersion")) if data.get("ModuleVersion") is not None else "0.0"
            root = data.get("RootModule") or data.get("ModuleToProcess")
            info = PSModuleInfo(name, path, "Script" if root and text(root).casefold().endswith(".psm1")
                                else "Manifest", version)
            info.description = text(data.get("Description")) if data.get("Description") is not None else ""
            info.compatible_editions = _manifest_list(data.get("CompatiblePSEditions")) or []
            info.private_data = data.get("PrivateData")
            for f in _manifest_list(data.get("FunctionsToExport")) or []:
                if "*" not in f:
                    info.functions[f] = f
            for c in _manifest_list(data.get("CmdletsToExport")) or []:
                if "*" not in c:
                    info.cmdlets[c] = c
            for a in _manifest_list(data.get("AliasesToExport")) or []:
                if "*" not in a:
                    info.aliases[a] = a
            return info
        info = PSModuleInfo(name, path, "Script")
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                source = fh.read()
        except OSError:
            return info
        import re
        for m in re.finditer(r"(?im)^\s*function\s+([\w-]+)", source):
            info.functions[m.group(1)] = m.group(1)
        return info


@cmdlet("Export-ModuleMember", module=CORE)
class ExportModuleMember(_ModuleCmdlet):
    function = Parameter("string[]", position=0, pipeline=True, by_property_name=True)
    cmdlet_ = Parameter("string[]", name="Cmdlet", by_property_name=True)
    variable = Parameter("string[]", by_property_name=True)
    alias = Parameter("string[]", by_property_name=True)

    def process_record(self):
        stack = _loading_stack(self.ctx)
        if not stack:
            exc = InvalidOperationException("The Export-ModuleMember cmdlet can only be called from inside a module.",
                                            category="PermissionDenied")
            self.throw_terminating(self.error_record(
                exc.message, "Modules_CanOnlyExecuteExportModuleMemberInsideAModule", "PermissionDenied", None, exc))
        info, exports = stack[-1]
        for key, value in (("functions", self.function), ("variables", self.variable), ("aliases", self.alias),
                           ("cmdlets", self.cmdlet_)):
            if exports[key] is None:
                exports[key] = []
            if value is not None:
                exports[key].extend(as_str_list(value))
