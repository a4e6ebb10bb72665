"""FileSystem cmdlets: *-ChildItem, *-Item, *-Content, Test/Join/Split/Resolve/Convert-Path, Out-File
(pwsh's ChildItemCommand, Navigation.cs, ContentCommandBase, FileSystemProvider.cs, on Unix)."""
from __future__ import annotations

import codecs
import os
import shutil
import stat as _stat
from typing import Any, Iterable, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.variables import as_list, as_str_list, matcher, text
from pslark.runtime.errors import (
    ArgumentException, ArgumentNullException, DirectoryNotFoundException, DriveNotFoundException, IOException,
    InvalidOperationException, ItemNotFoundException, PSArgumentException, PSException, RuntimeException,
    UnauthorizedAccessException,
)
from pslark.runtime.fsobjects import DirectoryInfo, FileInfo, file_system_info, is_read_only
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.paths import (
    DriveInfo, PathInfo, ProviderInfo, expand_temp_drive, expand_wildcards, is_hidden_name, leaf_of, normalize,
    parent_of, ps_parent_path, ps_path, qualifier_of, relative_path, sort_key, strip_provider, to_provider_path,
)

MANAGEMENT = "Microsoft.PowerShell.Management"
UTILITY = "Microsoft.PowerShell.Utility"

# drives of the other providers: `Test-Path env:PATH` and friends answer for them
OTHER_DRIVES = ("env", "variable", "alias", "function")
KNOWN_DRIVES = OTHER_DRIVES + ("temp",)


# ------------------------------------------------------------------------------------------------
# encodings

_ENCODINGS = {
    "ascii": ("ascii", False), "bigendianunicode": ("utf-16-be", True), "bigendianutf32": ("utf-32-be", True),
    "default": ("utf-8", False), "oem": ("utf-8", False), "ansi": ("utf-8", False), "string": ("utf-16-le", True),
    "unicode": ("utf-16-le", True), "unknown": ("utf-16-le", True), "utf7": ("utf-7", False),
    "utf8": ("utf-8", False), "utf8bom": ("utf-8", True), "utf8nobom": ("utf-8", False), "utf32": ("utf-32-le", True),
    "byte": ("latin-1", False),
}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
ENCODING_NAMES = ("ascii", "ansi", "bigendianunicode", "bigendianutf32", "oem", "unicode", "utf7", "utf8",
                  "utf8BOM", "utf8NoBOM", "utf32")


def encoding_of(cmd: Cmdlet, value: Any) -> Optional[tuple[str, bool]]:
    """-Encoding argument -> (python codec, write BOM); None when not given."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        mapping = {65001: ("utf-8", False), 1200: ("utf-16-le", True), 1201: ("utf-16-be", True),
                   12000: ("utf-32-le", True), 20127: ("ascii", False), 28591: ("latin-1", False),
                   1252: ("cp1252", False)}
        if value in mapping:
            return mapping[value]
    name = text(value)
    key = name.casefold().replace("-", "") if name.casefold() not in _ENCODINGS else name.casefold()
    if key in _ENCODINGS:
        return _ENCODINGS[key]
    try:
        info = codecs.lookup(name)
        return info.name, False
    except LookupError:
        from pslark.runtime.binder import binding_error
        raise binding_error(
            cmd.fq_suffix(),
            f"Cannot process argument transformation on parameter 'Encoding'. '{name}' is not a supported encoding "
            f"name. For information on defining a custom encoding, see the documentation for the "
            f"Encoding.RegisterProvider method. (Parameter 'name')", "ParameterArgumentTransformationError")


def decode_bytes(data: bytes, encoding: Optional[tuple[str, bool]]) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    codec = encoding[0] if encoding else "utf-8"
    return data.decode(codec, errors="replace")


def encode_text(textual: str, encoding: Optional[tuple[str, bool]], with_bom: bool = True) -> bytes:
    codec, bom = encoding if encoding else ("utf-8", False)
    data = textual.encode(codec, errors="replace")
    if bom and with_bom:
        data = codecs.lookup(codec).encode("\ufeff")[0] + data
    return data


# ------------------------------------------------------------------------------------------------
# shared helpers

def _wild(path: str) -> bool:
    from pslark.runtime.wildcard import has_wildcard
    return has_wildcard(path)


def _name_matcher(patterns: list[str]):
    return matcher(patterns) if patterns else None


def _filter_match(pattern: Optional[str], name: str) -> bool:
    """-Filter on the FileSystem provider: `*`/`?` only, case-insensitive (EnumerationOptions)."""
    if not pattern:
        return True
    import re
    if pattern in ("*", "*.*"):
        return True
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, name, re.IGNORECASE | re.DOTALL) is not None


def other_drive(path: str) -> Optional[tuple[str, str]]:
    """('env', 'PATH') for `env:PATH`, `Env:\\PATH`; None for FileSystem paths."""
    q = qualifier_of(strip_provider(path))
    if q is None:
        return None
    name = q[:-1].casefold()
    if name in OTHER_DRIVES:
        rest = path[len(q):].lstrip("/\\")
        return name, rest
    return None


def item_object(full: str):
    """The FileInfo / DirectoryInfo pwsh writes for a provider path."""
    return file_system_info(full)


class _FsCmdlet(Cmdlet):
    """Path resolution with pwsh's errors, shared by the FileSystem cmdlets."""

    force = False

    def fq_suffix(self) -> str:
        return "Microsoft.PowerShell.Commands." + type(self).__name__ + "Command"

    def report(self, exc: PSException, error_id: Optional[str] = None, target: Any = None) -> None:
        eid = error_id or exc.error_id or type(exc).__name__
        self.write_error(self.error_record(exc.message, eid, exc.category or exc.default_category,
                                           target if target is not None else exc.target, exc))

    def path_not_found(self, path: str, error_id: str = "PathNotFound") -> None:
        exc = ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.", error_id=error_id,
                                    category="ObjectNotFound", target=path)
        self.report(exc, error_id, path)

    def drive_not_found(self, path: str) -> bool:
        """Writes DriveNotFound for `x:` paths this provider cannot serve; True when it did."""
        q = qualifier_of(strip_provider(path))
        if q is None:
            return False
        name = q[:-1]
        if name.casefold() == "temp":
            return False
        exc = DriveNotFoundException(f"Cannot find drive. A drive with the name '{name}' does not exist.",
                                     error_id="DriveNotFound", category="ObjectNotFound", target=name)
        self.report(exc, "DriveNotFound", name)
        return True

    def resolve(self, path: Any, literal: bool, *, must_exist: bool = True, wildcard_error: Optional[str] = None,
                force: bool = False) -> list[str]:
        """Provider paths for one -Path/-LiteralPath value; writes pwsh's errors and returns [] on failure."""
        session = self.ctx.session
        if path is None:
            return []
        path = text(path)
        if path == "":
            from pslark.runtime.errors import ParameterBindingException
            pname = "LiteralPath" if literal and self.is_bound("LiteralPath") else "Path"
            exc = ParameterBindingException(f"Cannot bind argument to parameter '{pname}' because it is an empty "
                                            f"string.", category="InvalidData")
            self.throw_terminating(self.error_record(exc.message, "ParameterArgumentValidationErrorEmptyStringNotAllowed",
                                                     "InvalidData", None, exc))
        if self.drive_not_found(path):
            return []
        if literal or not _wild(path):
            if not literal and "`" in path:
                from pslark.runtime.wildcard import unescape_wildcard
                path = unescape_wildcard(path)
            full = to_provider_path(session, path)
            if must_exist and not os.path.lexists(full):
                self.path_not_found(full)
                return []
            return [full]
        found = expand_wildcards(session, path, force=force)
        if not found and wildcard_error:
            self.path_not_found(path, wildcard_error)
        return found


def _apply_include_exclude(name: str, include, exclude) -> bool:
    if include is not None and not include(name):
        return False
    if exclude is not None and exclude(name):
        return False
    return True


# ------------------------------------------------------------------------------------------------
# Get-ChildItem / Get-Item

@cmdlet("Get-ChildItem", aliases=("gci", "dir"), default_set="Items", module=MANAGEMENT)
class GetChildItem(_FsCmdlet):
    path = Parameter("string[]", position=0, pipeline=True, by_property_name=True, sets=("Items",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralItems", "Items"), per_set={"Items": {"mandatory": False, "hidden": True}})
    filter = Parameter("string", position=1)
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    recurse = Parameter("switch", aliases=("s", "r"))
    depth = Parameter("int", validate_range=(0, 4294967295))
    force = Parameter("switch")
    name = Parameter("switch")
    attributes = Parameter("string")
    follow_symlink = Parameter("switch")
    directory = Parameter("switch", aliases=("ad", "d"))
    file = Parameter("switch", aliases=("af",))
    hidden = Parameter("switch", aliases=("ah", "h"))
    read_only = Parameter("switch", aliases=("ar",))
    system = Parameter("switch", aliases=("as",))

    def process_record(self):
        literal = self.parameter_set == "LiteralItems" or self.literal_path is not None
        paths = as_str_list(self.literal_path if literal else self.path) or ["."]
        recurse = bool(self.recurse) or self.depth is not None
        depth = self.depth if self.depth is not None else (None if recurse else 0)
        self.include_m = _name_matcher(as_str_list(self.include))
        self.exclude_m = _name_matcher(as_str_list(self.exclude))
        self.leaf_m = None
        for p in paths:
            self.ctx.check_stop()
            od = other_drive(p)
            if od is not None:
                self.list_other_drive(*od)
                continue
            if recurse and not literal and _wild(p):
                parent, _, leaf = p.replace("\\", "/").rpartition("/")
                if _wild(leaf) and not _wild(parent):
                    # `Get-ChildItem *.txt -Recurse`: the leaf filters names at every depth under the parent
                    if parent == "":
                        root = "/" if p.startswith("/") else self.ctx.session.location
                    else:
                        root = to_provider_path(self.ctx.session, parent)
                    if not os.path.isdir(root):
                        self.path_not_found(root)
                        continue
                    self.leaf_m = matcher([leaf])
                    self.list_dir(root, root, recurse, depth)
                    self.leaf_m = None
                    continue
            resolved = self.resolve(p, literal, force=bool(self.force))
            if not resolved:
                continue
            wildcard_path = not literal and _wild(p)
            for full in resolved:
                if os.path.isdir(full) and not wildcard_path:
                    self.list_dir(full, full, recurse, depth)
                else:
                    name = leaf_of(full)
                    if not self.force and is_hidden_name(name) and not self.hidden:
                        continue
                    if self.wanted(full, name, for_leaf=True):
                        self.emit_item(full, os.path.dirname(full))
                    if wildcard_path and recurse and os.path.isdir(full):
                        self.list_dir(full, os.path.dirname(full), recurse, depth, skip_self_items=False)

    def wanted(self, full: str, name: str, for_leaf: bool = False) -> bool:
        is_dir = os.path.isdir(full)
        if self.directory and not is_dir:
            return False
        if self.file and is_dir:
            return False
        if self.hidden and not is_hidden_name(name):
            return False
        if self.read_only and (is_dir or not is_read_only(os.stat(full))):
            return False
        if self.system:
            return False
        if self.leaf_m is not None and not self.leaf_m(name):
            return False
        if not _filter_match(self.filter, name):
            return False
        return _apply_include_exclude(name, self.include_m, self.exclude_m)

    def emit_item(self, full: str, base: str) -> None:
        if self.name:
            rel = os.path.relpath(full, base) if base else leaf_of(full)
            self.write_object(rel)
        else:
            self.write_object(item_object(full))

    def list_dir(self, directory: str, base: str, recurse: bool, depth: Optional[int],
                 skip_self_items: bool = False) -> None:
        try:
            names = os.listdir(directory)
        except PermissionError:
            exc = UnauthorizedAccessException(f"Access to the path '{directory}' is denied.",
                                              category="PermissionDenied", target=directory)
            self.report(exc, "DirUnauthorizedAccessError", directory)
            return
        except OSError as err:
            exc = IOException(err.strerror or str(err), category="ReadError", target=directory)
            self.report(exc, "DirIOError", directory)
            return
        dirs, files = [], []
        for n in names:
            full = os.path.join(directory, n)
            (dirs if os.path.isdir(full) else files).append(n)
        show_all = bool(self.force) or bool(self.hidden)
        for group in (sorted(dirs, key=sort_key), sorted(files, key=sort_key)):
            for n in group:
                self.ctx.check_stop()
                full = os.path.join(directory, n)
                if not show_all and is_hidden_name(n):
                    continue
                if self.wanted(full, n):
                    self.emit_item(full, base)
        if recurse and (depth is None or depth > 0):
            for n in sorted(dirs, key=sort_key):
                full = os.path.join(directory, n)
                if is_hidden_name(n) and not (self.force or self.hidden):
                    continue
                if os.path.islink(full) and not self.follow_symlink:
                    continue
                self.list_dir(full, base, recurse, None if depth is None else depth - 1)

    def list_other_drive(self, drive: str, rest: str) -> None:
        items = other_drive_items(self.ctx, drive)
        pattern = rest or "*"
        m = matcher([pattern])
        found = False
        for name, value in items:
            if m(name):
                found = True
                self.write_object(value if not self.name else name)
        if not found and rest and not _wild(rest):
            path = f"{drive.capitalize() if drive != 'env' else 'Env'}:\\{rest}"
            self.path_not_found(path)


def other_drive_items(ctx, drive: str) -> list:
    """(name, item) pairs of env:, variable:, alias:, function: (DictionaryEntry / PSVariable / ...)."""
    from pslark.runtime.formatting import DictionaryEntry
    session = ctx.session
    if drive == "env":
        return sorted(((k, DictionaryEntry(k, v)) for k, v in os.environ.items()), key=lambda kv: kv[0])
    if drive == "variable":
        vs = session.visible_variables()
        return sorted(((v.name, v) for k, v in vs.items() if not k.startswith("\x00")), key=lambda kv: kv[0].casefold())
    if drive == "alias":
        return sorted(((a.name, a) for a in session.visible_aliases().values()), key=lambda kv: kv[0].casefold())
    if drive == "function":
        return sorted(((f.name, f) for f in session.visible_functions().values()), key=lambda kv: kv[0].casefold())
    return []


def other_drive_exists(ctx, drive: str, rest: str) -> bool:
    if not rest:
        return True
    m = matcher([rest])
    return any(m(name) for name, _ in other_drive_items(ctx, drive))


@cmdlet("Get-Item", aliases=("gi",), default_set="Path", module=MANAGEMENT)
class GetItem(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    filter = Parameter("string")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        for p in as_str_list(self.literal_path if literal else self.path):
            od = other_drive(p)
            if od is not None:
                drive, rest = od
                items = [v for n, v in other_drive_items(self.ctx, drive) if matcher([rest or "*"])(n)]
                if not items:
                    self.path_not_found(p)
                for v in items:
                    self.write_object(v)
                continue
            wildcard = not literal and _wild(p)
            for full in self.resolve(p, literal, force=bool(self.force)):
                name = leaf_of(full)
                if wildcard and (not _filter_match(self.filter, name) or
                                 not _apply_include_exclude(name, include, exclude)):
                    continue
                if not wildcard and (self.include or self.exclude or self.filter) and \
                        (not _filter_match(self.filter, name) or not _apply_include_exclude(name, include, exclude)):
                    continue
                if not wildcard and not self.force and is_hidden_name(name):
                    exc = IOException(f"Could not find item {full}.", category="ObjectNotFound", target=full)
                    self.report(exc, "ItemNotFound", full)
                    continue
                self.write_object(item_object(full))


# ------------------------------------------------------------------------------------------------
# Test-Path / Resolve-Path / Convert-Path / Join-Path / Split-Path

@cmdlet("Test-Path", default_set="Path", module=MANAGEMENT)
class TestPath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",),
                     allow_null=True)
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    filter = Parameter("string")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    path_type = Parameter("string", aliases=("Type",), validate_set=("Any", "Container", "Leaf"), default="Any")
    is_valid = Parameter("switch")
    credential = Parameter("object", by_property_name=True)
    older_than = Parameter("datetime")
    newer_than = Parameter("datetime")

    def process_record(self):
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        raw = self.literal_path if literal else self.path
        values = as_list(raw) if raw is not None else [None]
        for p in values:
            if p is None:
                exc = ArgumentNullException("Cannot bind argument to parameter 'Path' because it is null.",
                                            category="InvalidArgument")
                self.report(exc, "NullPathNotPermitted", None)
                continue
            self.write_object(self.test(text(p), literal))

    def test(self, p: str, literal: bool) -> bool:
        if p.strip() == "":
            return False
        if self.is_valid:
            q = qualifier_of(strip_provider(p))
            if q is not None and q[:-1].casefold() not in KNOWN_DRIVES:
                return False
            return "\x00" not in p
        od = other_drive(p)
        if od is not None:
            return self.path_type != "Leaf" if not od[1] else \
                (other_drive_exists(self.ctx, *od) and self.path_type != "Container")
        q = qualifier_of(strip_provider(p))
        if q is not None and q[:-1].casefold() not in KNOWN_DRIVES:
            return False
        session = self.ctx.session
        if literal or not _wild(p):
            candidates = [to_provider_path(session, p)]
        else:
            candidates = expand_wildcards(session, p, force=True)
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        for full in candidates:
            if not os.path.lexists(full):
                continue
            name = leaf_of(full)
            if not _filter_match(self.filter, name) or not _apply_include_exclude(name, include, exclude):
                continue
            ptype = (self.path_type or "Any").casefold()
            is_dir = os.path.isdir(full)
            if ptype == "container" and not is_dir:
                continue
            if ptype == "leaf" and is_dir:
                continue
            if self.older_than is not None or self.newer_than is not None:
                import datetime as _dt
                mtime = _dt.datetime.fromtimestamp(os.lstat(full).st_mtime)
                if self.older_than is not None and not mtime < self._naive(self.older_than):
                    continue
                if self.newer_than is not None and not mtime > self._naive(self.newer_than):
                    continue
            return True
        return False

    @staticmethod
    def _naive(dt):
        if getattr(dt, "tzinfo", None) is not None:
            return dt.astimezone().replace(tzinfo=None)
        return dt


@cmdlet("Resolve-Path", aliases=("rvpa",), default_set="Path", module=MANAGEMENT)
class ResolvePath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    relative = Parameter("switch")
    relative_base_path = Parameter("string", by_property_name=True)
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        session = self.ctx.session
        base = to_provider_path(session, self.relative_base_path) if self.relative_base_path else session.location
        for p in as_str_list(self.literal_path if literal else self.path):
            found = self.resolve(p, literal, wildcard_error="PathNotFound")
            for full in found:
                if self.relative or self.relative_base_path:
                    if self.relative:
                        self.write_object(relative_path(full, base))
                    else:
                        self.write_object(PathInfo(full))
                else:
                    self.write_object(PathInfo(full))


@cmdlet("Convert-Path", aliases=("cvpa",), default_set="Path", module=MANAGEMENT)
class ConvertPath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})

    def process_record(self):
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        for p in as_str_list(self.literal_path if literal else self.path):
            for full in self.resolve(p, literal, wildcard_error="PathNotFound"):
                self.write_object(full)


def join_two(left: str, right: str) -> str:
    """FileSystem MakePath: one separator between the parts, backslashes made `/` on Unix."""
    left = left.replace("\\", "/")
    right = right.replace("\\", "/")
    if not left:
        return right
    if not right:
        return left if left.endswith("/") else left + "/"
    return left.rstrip("/") + "/" + right.lstrip("/") if left.rstrip("/") else "/" + right.lstrip("/")


@cmdlet("Join-Path", module=MANAGEMENT)
class JoinPath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True,
                     aliases=("PSPath",))
    child_path = Parameter("string", position=1, mandatory=True, by_property_name=True, allow_null=True)
    additional_child_path = Parameter("string[]", position=2, by_property_name=True, remaining=True)
    resolve_ = Parameter("switch", name="Resolve")
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        children = [text(self.child_path) if self.child_path is not None else ""] + \
            [text(c) for c in as_list(self.additional_child_path)]
        for p in as_str_list(self.path):
            q = qualifier_of(strip_provider(p))
            if q is not None and q[:-1].casefold() not in KNOWN_DRIVES and self.resolve_:
                self.drive_not_found(p)
                continue
            joined = p
            for c in children:
                joined = join_two(joined, c)
            if not self.resolve_:
                self.write_object(joined)
                continue
            found = self.resolve(joined, False, wildcard_error="PathNotFound")
            for full in found:
                self.write_object(full)


@cmdlet("Split-Path", default_set="ParentSet", module=MANAGEMENT)
class SplitPath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True,
                     sets=("ParentSet", "LeafSet", "LeafBaseSet", "ExtensionSet", "QualifierSet", "NoQualifierSet",
                           "IsAbsoluteSet"))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPathSet",))
    parent = Parameter("switch", sets=("ParentSet",))
    leaf = Parameter("switch", mandatory=True, sets=("LeafSet",))
    leaf_base = Parameter("switch", mandatory=True, sets=("LeafBaseSet",))
    extension = Parameter("switch", mandatory=True, sets=("ExtensionSet",))
    qualifier = Parameter("switch", mandatory=True, sets=("QualifierSet",))
    no_qualifier = Parameter("switch", mandatory=True, sets=("NoQualifierSet",))
    is_absolute = Parameter("switch", mandatory=True, sets=("IsAbsoluteSet",))
    resolve_ = Parameter("switch", name="Resolve")
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        literal = self.parameter_set == "LiteralPathSet"
        for p in as_str_list(self.literal_path if literal else self.path):
            if self.is_absolute:
                self.write_object(self.absolute(p))
                continue
            targets = [p]
            if self.resolve_:
                targets = self.resolve(p, literal, wildcard_error="PathNotFound")
                if not targets:
                    continue
            for t in targets:
                result = self.split(t)
                if result is not None:
                    self.write_object(result)

    @staticmethod
    def absolute(p: str) -> bool:
        s = strip_provider(p)
        if qualifier_of(s) is not None:
            return True
        return s.startswith("/") or s.startswith("\\")

    def split(self, p: str) -> Optional[str]:
        s = p.replace("\\", "/")
        if self.qualifier:
            q = qualifier_of(strip_provider(s))
            if q is None:
                exc = PSArgumentException(f"Cannot parse path because path '{p}' does not have a qualifier "
                                          f"specified.", category="InvalidArgument", target=p)
                self.report(exc, "ParsePathFormatError", p)
                return None
            return q
        if self.no_qualifier:
            q = qualifier_of(strip_provider(s))
            return s[len(q):] if q is not None else s
        if self.leaf or self.leaf_base or self.extension:
            trimmed = s.rstrip("/")
            q = qualifier_of(trimmed)
            if q is not None and trimmed == q:
                leaf = ""
            else:
                leaf = trimmed.rsplit("/", 1)[-1] if trimmed else ""
                if q is not None and "/" not in trimmed:
                    leaf = trimmed[len(q):]
            if self.leaf:
                return leaf
            idx = leaf.rfind(".")
            ext = leaf[idx:] if idx >= 0 and idx != len(leaf) - 1 else ""
            if self.extension:
                return ext
            return leaf[:-len(ext)] if ext else leaf
        # -Parent (the default)
        trimmed = s.rstrip("/")
        if not trimmed:
            return ""
        idx = trimmed.rfind("/")
        q = qualifier_of(trimmed)
        if idx < 0:
            if q is not None:
                rest = trimmed[len(q):]
                return q if rest else ""
            return ""
        parent = trimmed[:idx]
        if parent == "" or (parent.startswith("/") and parent.strip("/") == ""):
            return trimmed[:idx + 1] if parent == "" else parent
        if q is not None and parent == q[:-1] + ":":
            return parent + "/"
        return parent


# ------------------------------------------------------------------------------------------------
# Content

def _content_line(line: str, full: str, read_count: int) -> PSObject:
    """A line as Get-Content writes it: the string with PSPath ... ReadCount note properties."""
    obj = PSObject(type_names=["System.String", "System.Object"], base=line)
    obj.add_property("PSPath", ps_path(full))
    obj.add_property("PSParentPath", ps_parent_path(full))
    obj.add_property("PSChildName", leaf_of(full))
    obj.add_property("PSDrive", DriveInfo())
    obj.add_property("PSProvider", ProviderInfo())
    obj.add_property("ReadCount", read_count)
    return obj


def split_lines(content: str) -> list[str]:
    """StreamReader.ReadLine: `\\n`, `\\r\\n` or `\\r` end a line; a final terminator adds no empty line."""
    if not content:
        return []
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class _ContentCmdlet(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    filter = Parameter("string")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def content_paths(self, must_exist: bool = True, missing_error: str = "PathNotFound") -> list[str]:
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        out = []
        for p in as_str_list(self.literal_path if literal else self.path):
            if isinstance(self, GetContent) and other_drive(p) is not None:
                continue
            if not literal and _wild(p):
                found = expand_wildcards(self.ctx.session, p, force=bool(self.force))
                if not found:
                    if self.drive_not_found(p):
                        continue
                    self.path_not_found(p, "ItemNotFound")
                    continue
            else:
                found = self.resolve(p, literal, must_exist=must_exist)
            for full in found:
                name = leaf_of(full)
                if not _filter_match(self.filter, name) or not _apply_include_exclude(name, include, exclude):
                    continue
                out.append(full)
        return out


@cmdlet("Get-Content", aliases=("gc",), default_set="Path", module=MANAGEMENT)
class GetContent(_ContentCmdlet):
    read_count = Parameter("long", by_property_name=True, default=1)
    total_count = Parameter("long", by_property_name=True, aliases=("First", "Head"), default=-1)
    tail = Parameter("int", by_property_name=True, aliases=("Last",), default=-1)
    delimiter = Parameter("string")
    wait = Parameter("switch")
    raw = Parameter("switch")
    encoding = Parameter("object")
    as_byte_stream = Parameter("switch")

    def process_record(self):
        if self.is_bound("TotalCount") and self.is_bound("Tail"):
            exc = InvalidOperationException("The parameters TotalCount and Tail cannot be used together. Please "
                                            "specify only one parameter.", category="InvalidOperation")
            self.report(exc, "TailAndHeadCannotCoexist", None)
            return
        if self.raw and self.is_bound("Tail"):
            exc = InvalidOperationException("The Raw and Tail parameters cannot be used together.",
                                            category="InvalidOperation")
            self.report(exc, "InvalidOperation", None)
            return
        total = int(self.total_count if self.total_count is not None else -1)
        if total == 0:
            return
        encoding = encoding_of(self, self.encoding)
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        for p in as_str_list(self.literal_path if literal else self.path):
            od = other_drive(p)
            if od is not None:
                self.read_other_drive(p, *od)
        if all(other_drive(p) is not None for p in as_str_list(self.literal_path if literal else self.path)):
            return
        for full in self.content_paths():
            self.ctx.check_stop()
            self.read_file(full, total, encoding)

    def read_other_drive(self, path: str, drive: str, rest: str) -> None:
        """Content of env:, variable:, alias: and function: items (their value as text)."""
        if self.is_bound("Tail"):
            exc = InvalidOperationException("The dynamic parameter Tail is not supported by this provider.",
                                            category="InvalidOperation")
            self.report(exc, "TailNotSupported", self.tail)
            return
        items = [(n, v) for n, v in other_drive_items(self.ctx, drive) if matcher([rest or "*"])(n)]
        if not items:
            self.path_not_found(path)
            return
        for name, item in items:
            if drive == "env":
                value = item.Value
            elif drive == "variable":
                value = item.value
            elif drive == "alias":
                value = item.definition
            else:
                sb = getattr(item, "script_block", None)
                value = str(sb) if sb is not None else ""
            self.write_object(value, enumerate_collection=drive == "variable")

    def read_file(self, full: str, total: int, encoding) -> None:
        if os.path.isdir(full):
            exc = IOException(f"Unable to get content because it is a directory: '{full}'. Please use "
                              f"'Get-ChildItem' instead.", category="InvalidOperation", target=full)
            self.report(exc, "GetContainerContentException", full)
            return
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except PermissionError:
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, "GetContentReaderUnauthorizedAccessError", full)
            return
        except OSError as err:
            exc = IOException(err.strerror or str(err), category="ReadError", target=full)
            self.report(exc, "GetContentReaderIOError", full)
            return
        tail = int(self.tail if self.tail is not None else -1)
        if self.as_byte_stream:
            items: list = list(data)
        else:
            content = decode_bytes(data, encoding)
            if self.raw:
                if not data:
                    return
                self.write_object(_content_line(content, full, 1))
                return
            if self.delimiter is not None:
                items = self.split_delimited(content, self.delimiter)
            else:
                items = split_lines(content)
        if tail >= 0:
            items = items[len(items) - tail:] if tail < len(items) else items
            if tail == 0:
                items = []
        elif total > 0:
            items = items[:total]
        read_count = int(self.read_count if self.read_count is not None else 1)
        if read_count == 1:
            for i, item in enumerate(items, 1):
                self.write_object(item if self.as_byte_stream else _content_line(item, full, i))
            return
        if read_count <= 0:
            if items:
                self.write_object(list(items))
            return
        count = 0
        for start in range(0, len(items), read_count):
            chunk = items[start:start + read_count]
            count += len(chunk)
            self.write_object(list(chunk))

    @staticmethod
    def split_delimited(content: str, delimiter: str) -> list[str]:
        if content == "":
            return []
        if delimiter == "":
            return [content]
        parts = content.split(delimiter)
        if parts and parts[-1] == "":
            parts.pop()
        return parts


class _WriteContentCmdlet(_ContentCmdlet):
    value = Parameter("object[]", position=1, mandatory=True, pipeline=True, by_property_name=True,
                      allow_null=True)
    pass_thru = Parameter("switch")
    no_newline = Parameter("switch")
    encoding = Parameter("object")
    as_byte_stream = Parameter("switch")
    append_mode = False

    def begin_processing(self):
        self.encoding_info = encoding_of(self, self.encoding)
        self.targets: Optional[list[str]] = None
        self.started: set = set()

    def process_record(self):
        if self.targets is None:
            self.targets = self.content_paths(must_exist=False)
        values = self.value if isinstance(self.value, list) else ([] if self.value is None else [self.value])
        if self.value is None:
            values = [None]
        for full in self.targets:
            self.write_values(full, values)

    def render(self, values: list) -> bytes:
        if self.as_byte_stream:
            out = bytearray()
            for v in values:
                for b in as_list(v):
                    out.append(int(b) & 0xFF)
            return bytes(out)
        parts = []
        for v in values:
            if v is AUTOMATION_NULL or v is None:
                continue          # `Set-Content f $null` leaves an empty file
            s = text(v)
            parts.append(s if self.no_newline else s + "\n")
        return encode_text("".join(parts), self.encoding_info, with_bom=False)

    def write_values(self, full: str, values: list) -> None:
        if os.path.isdir(full):
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, "GetContentWriterUnauthorizedAccessError", full)
            return
        first = full not in self.started
        mode = "ab" if (self.append_mode or not first) else "wb"
        try:
            exists = os.path.exists(full)
            payload = self.render(values)
            with open(full, mode) as fh:
                if first and self.encoding_info and self.encoding_info[1] and not self.as_byte_stream and \
                        (mode == "wb" or not exists or os.path.getsize(full) == 0):
                    fh.write(codecs.lookup(self.encoding_info[0]).encode("\ufeff")[0])
                fh.write(payload)
        except FileNotFoundError:
            exc = DirectoryNotFoundException(f"Could not find a part of the path '{full}'.",
                                             category="ObjectNotFound", target=full)
            self.report(exc, "GetContentWriterDirectoryNotFoundError", full)
            return
        except PermissionError:
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, "GetContentWriterUnauthorizedAccessError", full)
            return
        except OSError as err:
            exc = IOException(err.strerror or str(err), category="WriteError", target=full)
            self.report(exc, "GetContentWriterIOError", full)
            return
        self.started.add(full)
        if self.pass_thru:
            for v in values:
                self.write_object(v)


@cmdlet("Set-Content", should_process=True, default_set="Path", module=MANAGEMENT)
class SetContent(_WriteContentCmdlet):
    def end_processing(self):
        # Set-Content with no input still truncates the file (pwsh opens the writer in BeginProcessing)
        pass


@cmdlet("Add-Content", should_process=True, default_set="Path", module=MANAGEMENT)
class AddContent(_WriteContentCmdlet):
    append_mode = True


@cmdlet("Clear-Content", aliases=("clc",), should_process=True, default_set="Path", module=MANAGEMENT)
class ClearContent(_ContentCmdlet):
    def process_record(self):
        for full in self.content_paths():
            if os.path.isdir(full):
                exc = IOException(f"Unable to clear content because it is a directory: '{full}'.",
                                  category="InvalidOperation", target=full)
                self.report(exc, "ClearContainerContentException", full)
                continue
            try:
                with open(full, "wb"):
                    pass
            except OSError as err:
                exc = IOException(err.strerror or str(err), category="WriteError", target=full)
                self.report(exc, "ClearContentIOError", full)


# ------------------------------------------------------------------------------------------------
# New-Item / Remove-Item / Copy-Item / Move-Item / Rename-Item

@cmdlet("New-Item", aliases=("ni",), should_process=True, default_set="pathSet", module=MANAGEMENT)
class NewItem(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, by_property_name=True, sets=("pathSet", "nameSet"),
                     per_set={"nameSet": {"mandatory": False}})
    name = Parameter("string", mandatory=True, by_property_name=True, sets=("nameSet",), allow_null=True)
    item_type = Parameter("string", by_property_name=True, aliases=("Type",))
    value = Parameter("object", pipeline=True, by_property_name=True, aliases=("Target",))
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        session = self.ctx.session
        paths = as_str_list(self.path) if self.path is not None else [session.location]
        kind = (self.item_type or "File").casefold()
        if kind in ("f", "fi", "fil"):
            kind = "file"
        if kind.startswith("dir") or kind == "d":
            kind = "directory"
        if kind not in ("file", "directory", "symboliclink", "hardlink", "junction"):
            exc = PSArgumentException(
                "The type is not a known type for the file system. Only \"file\",\"directory\",\"symboliclink\","
                "\"junction\", and \"hardlink\" can be specified.", category="InvalidArgument", target=self.item_type)
            self.report(exc, "Argument", self.item_type)
            return
        for p in paths:
            if self.drive_not_found(p):
                continue
            full = to_provider_path(session, p)
            if self.name:
                full = normalize(os.path.join(full, self.name))
            elif self.parameter_set == "nameSet" and self.is_bound("Name"):
                pass
            self.create(full, kind)

    def create(self, full: str, kind: str) -> None:
        value = self.value
        if kind == "directory":
            if os.path.isdir(full):
                if self.force:
                    self.write_object(DirectoryInfo(full))
                    return
                exc = IOException(f"An item with the specified name {full} already exists.",
                                  category="ResourceExists", target=full)
                self.report(exc, "DirectoryExist", full)
                return
            if os.path.lexists(full):
                exc = IOException(f"An item with the specified name {full} already exists.",
                                  category="ResourceExists", target=full)
                self.report(exc, "DirectoryExist", full)
                return
            try:
                os.makedirs(full)
            except OSError as err:
                self.io_error(full, err, "CreateDirectoryIOError")
                return
            self.write_object(DirectoryInfo(full))
            return
        if kind in ("symboliclink", "hardlink", "junction"):
            target = None if value is None else text(value)
            if not target:
                exc = ArgumentNullException("Value cannot be null. (Parameter 'content')", category="InvalidArgument")
                self.throw_terminating(self.error_record(exc.message, "ArgumentNull", "InvalidArgument", None, exc))
            full = full.rstrip("/") or full
            if os.path.lexists(full):
                if not self.force:
                    exc = IOException(f"An item with the specified name {full} already exists.",
                                      category="ResourceExists", target=full)
                    self.report(exc, "SymLinkExists", full)
                    return
                if os.path.isdir(full) and not os.path.islink(full):
                    shutil.rmtree(full)
                else:
                    os.remove(full)
            try:
                if kind == "hardlink":
                    os.link(to_provider_path(self.ctx.session, target), full)
                else:
                    os.symlink(target.replace("\\", "/"), full)
            except OSError as err:
                self.io_error(full, err, "NewItemSymbolicLinkError")
                return
            self.write_object(item_object(full))
            return
        # file
        if os.path.isdir(full):
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, "NewItemUnauthorizedAccessError", full)
            return
        if os.path.lexists(full) and not self.force:
            exc = IOException(f"The file '{full}' already exists.", category="ResourceExists", target=full)
            self.report(exc, "NewItemIOError", full)
            return
        parent = os.path.dirname(full)
        if not os.path.isdir(parent):
            if self.force:
                try:
                    os.makedirs(parent, exist_ok=True)
                except OSError as err:
                    self.io_error(full, err, "NewItemIOError")
                    return
            else:
                exc = DirectoryNotFoundException(f"Could not find a part of the path '{full}'.",
                                                 category="ObjectNotFound", target=full)
                self.report(exc, "NewItemIOError", full)
                return
        try:
            with open(full, "wb") as fh:
                if value is not None and value is not AUTOMATION_NULL:
                    fh.write(text(value).encode("utf-8"))
        except OSError as err:
            self.io_error(full, err, "NewItemIOError")
            return
        self.write_object(FileInfo(full))

    def io_error(self, full: str, err: OSError, error_id: str) -> None:
        if isinstance(err, PermissionError):
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, error_id, full)
            return
        exc = IOException(err.strerror or str(err), category="WriteError", target=full)
        self.report(exc, error_id, full)


class _ItemsCmdlet(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    filter = Parameter("string")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def source_paths(self) -> list[str]:
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        out = []
        for p in as_str_list(self.literal_path if literal else self.path):
            for full in self.resolve(p, literal, force=bool(self.force)):
                name = leaf_of(full)
                if not _filter_match(self.filter, name) or not _apply_include_exclude(name, include, exclude):
                    continue
                out.append(full)
        return out


@cmdlet("Remove-Item", aliases=("ri", "rd", "del", "erase"), should_process=True, default_set="Path",
        module=MANAGEMENT)
class RemoveItem(_ItemsCmdlet):
    recurse = Parameter("switch", aliases=("r",))

    def process_record(self):
        for full in self.source_paths():
            self.ctx.check_stop()
            self.remove(full)

    def remove(self, full: str) -> None:
        try:
            if os.path.isdir(full) and not os.path.islink(full):
                if os.listdir(full) and not self.recurse:
                    exc = IOException(f"Directory {full} cannot be removed because it is not empty.",
                                      category="WriteError", target=full)
                    self.report(exc, "DirectoryNotEmpty", full)
                    return
                shutil.rmtree(full)
            else:
                if not self.force and not os.path.islink(full) and is_read_only(os.stat(full)):
                    exc = IOException("You do not have sufficient access rights to perform this operation or the "
                                      "item is hidden, system, or read only.", category="PermissionDenied",
                                      target=full)
                    self.report(exc, "RemoveFileSystemItemUnAuthorizedAccess", full)
                    return
                os.remove(full)
        except PermissionError:
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.report(exc, "RemoveFileSystemItemUnAuthorizedAccess", full)
        except OSError as err:
            exc = IOException(err.strerror or str(err), category="WriteError", target=full)
            self.report(exc, "RemoveFileSystemItemIOError", full)


class _CopyMoveCmdlet(_ItemsCmdlet):
    destination = Parameter("string", position=1, by_property_name=True)
    pass_thru = Parameter("switch")

    def destination_for(self, source: str) -> str:
        session = self.ctx.session
        dest = to_provider_path(session, self.destination) if self.destination else session.location
        if os.path.isdir(dest) and not (os.path.isdir(source) and self.same(source, dest)):
            return os.path.join(dest, leaf_of(source))
        return dest

    @staticmethod
    def same(a: str, b: str) -> bool:
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False


@cmdlet("Copy-Item", aliases=("cpi", "copy"), should_process=True, default_set="Path", module=MANAGEMENT)
class CopyItem(_CopyMoveCmdlet):
    container = Parameter("switch")
    recurse = Parameter("switch")

    def process_record(self):
        for src in self.source_paths():
            self.ctx.check_stop()
            dest = self.destination_for(src)
            try:
                if os.path.isdir(src):
                    if self.same(src, dest):
                        exc = IOException(f"Cannot overwrite the item {src} with itself.", category="WriteError",
                                          target=src)
                        self.report(exc, "CopyError", src)
                        continue
                    if self.recurse:
                        if os.path.isdir(dest):
                            shutil.copytree(src, dest, dirs_exist_ok=True, symlinks=True)
                        else:
                            shutil.copytree(src, dest, symlinks=True)
                    else:
                        os.makedirs(dest, exist_ok=True)
                    result = DirectoryInfo(dest)
                else:
                    if self.same(src, dest):
                        exc = IOException(f"Cannot overwrite the item {src} with itself.", category="WriteError",
                                          target=src)
                        self.report(exc, "CopyError", src)
                        continue
                    if not os.path.isdir(os.path.dirname(dest) or "/"):
                        exc = DirectoryNotFoundException(f"Could not find a part of the path '{dest}'.",
                                                         category="WriteError", target=dest)
                        self.report(exc, "CopyDirectoryInfoItemIOError", src)
                        continue
                    if os.path.exists(dest) and not os.access(dest, os.W_OK) and self.force:
                        os.chmod(dest, os.stat(dest).st_mode | _stat.S_IWUSR)
                    shutil.copy2(src, dest)
                    result = FileInfo(dest)
            except PermissionError:
                exc = UnauthorizedAccessException(f"Access to the path '{dest}' is denied.", target=dest)
                self.report(exc, "CopyFileInfoItemUnauthorizedAccessError", src)
                continue
            except OSError as err:
                exc = IOException(err.strerror or str(err), category="WriteError", target=src)
                self.report(exc, "CopyFileInfoItemIOError", src)
                continue
            if self.pass_thru:
                self.write_object(result)


@cmdlet("Move-Item", aliases=("mi", "move"), should_process=True, default_set="Path", module=MANAGEMENT)
class MoveItem(_CopyMoveCmdlet):
    def process_record(self):
        for src in self.source_paths():
            self.ctx.check_stop()
            dest = self.destination_for(src)
            if os.path.lexists(dest) and not self.same(src, dest):
                if not self.force or os.path.isdir(dest):
                    kind = "MoveDirectoryItemIOError" if os.path.isdir(src) else "MoveFileInfoItemIOError"
                    exc = IOException("Cannot create a file when that file already exists.", category="WriteError",
                                      target=src)
                    self.report(exc, kind, src)
                    continue
            if not os.path.isdir(os.path.dirname(dest) or "/"):
                exc = DirectoryNotFoundException(f"Could not find a part of the path.", category="WriteError",
                                                 target=src)
                self.report(exc, "MoveFileInfoItemIOError", src)
                continue
            try:
                os.replace(src, dest) if not os.path.isdir(src) else shutil.move(src, dest)
            except OSError as err:
                exc = IOException(err.strerror or str(err), category="WriteError", target=src)
                self.report(exc, "MoveFileInfoItemIOError", src)
                continue
            if self.pass_thru:
                self.write_object(item_object(dest))


@cmdlet("Rename-Item", aliases=("rni", "ren"), should_process=True, default_set="ByPath", module=MANAGEMENT)
class RenameItem(_FsCmdlet):
    path = Parameter("string", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("ByPath",))
    literal_path = Parameter("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("ByLiteralPath", "ByPath"), per_set={"ByPath": {"mandatory": False, "hidden": True}})
    new_name = Parameter("string", position=1, mandatory=True, by_property_name=True)
    force = Parameter("switch")
    pass_thru = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def process_record(self):
        literal = self.parameter_set == "ByLiteralPath" or self.literal_path is not None
        p = self.literal_path if literal else self.path
        sources = self.resolve(p, literal)
        if len(sources) > 1:
            exc = PSArgumentException("Cannot rename because the target specified represents more than one item.",
                                      category="InvalidArgument", target=p)
            self.report(exc, "RenameItemMultipleItems", p)
            return
        for src in sources:
            new = text(self.new_name).replace("\\", "/")
            parent = os.path.dirname(src)
            if "/" in new:
                target = to_provider_path(self.ctx.session, new)
                if os.path.dirname(target) != parent:
                    exc = PSArgumentException("Cannot rename the specified target, because it represents a path or "
                                              "device name.", category="InvalidArgument", target=src)
                    self.report(exc, "Argument", src)
                    continue
            else:
                target = os.path.join(parent, new)
            if os.path.lexists(target) and target != src:
                kind = "RenameItemIOError"
                exc = IOException("Cannot create a file when that file already exists.", category="WriteError",
                                  target=src)
                self.report(exc, kind, src)
                continue
            try:
                os.rename(src, target)
            except OSError as err:
                exc = IOException(err.strerror or str(err), category="WriteError", target=src)
                self.report(exc, "RenameItemIOError", src)
                continue
            if self.pass_thru:
                self.write_object(item_object(target))


# ------------------------------------------------------------------------------------------------
# Out-File

@cmdlet("Out-File", should_process=True, default_set="ByPath", module=UTILITY)
class OutFile(_FsCmdlet):
    file_path = Parameter("string", position=0, mandatory=True, aliases=("Path",), sets=("ByPath",))
    literal_path = Parameter("string", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("ByLiteralPath", "ByPath"), per_set={"ByPath": {"mandatory": False, "hidden": True}})
    encoding = Parameter("object", position=1)
    append = Parameter("switch")
    force = Parameter("switch")
    no_clobber = Parameter("switch", aliases=("NoOverwrite",))
    width = Parameter("int", validate_range=(2, 2147483647))
    no_newline = Parameter("switch")
    input_object = Parameter("psobject", pipeline=True)

    def begin_processing(self):
        self.fh = None
        self.formatter = None
        self.encoding_info = encoding_of(self, self.encoding)
        literal = self.parameter_set == "ByLiteralPath" or self.literal_path is not None
        p = self.literal_path if literal else self.file_path
        session = self.ctx.session
        if self.drive_not_found(p):
            self.target = None
            return
        if literal or not _wild(p):
            self.target = to_provider_path(session, p)
        else:
            found = expand_wildcards(session, p)
            if len(found) != 1:
                exc = PSArgumentException(f"Cannot perform operation because the wildcard path {p} did not resolve "
                                          f"to a file.", category="OpenError", target=p)
                self.throw_terminating(self.error_record(exc.message, "FileOpenFailure", "OpenError", p, exc))
            self.target = found[0]
        full = self.target
        if self.no_clobber and os.path.exists(full) and not self.append:
            exc = IOException(f"The file '{full}' already exists.", category="ResourceExists", target=full)
            self.throw_terminating(self.error_record(exc.message, "NoClobber", "ResourceExists", full, exc))
        if os.path.isdir(full):
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.throw_terminating(self.error_record(exc.message, "FileOpenFailure", "OpenError", full, exc))
        if not os.path.isdir(os.path.dirname(full) or "/"):
            exc = DirectoryNotFoundException(f"Could not find a part of the path '{full}'.", target=full)
            self.throw_terminating(self.error_record(exc.message, "FileOpenFailure", "OpenError", full, exc))
        try:
            existed = os.path.exists(full) and os.path.getsize(full) > 0
            if self.force and os.path.exists(full) and not os.access(full, os.W_OK):
                os.chmod(full, os.stat(full).st_mode | _stat.S_IWUSR)
            self.fh = open(full, "ab" if self.append else "wb")
            if self.encoding_info and self.encoding_info[1] and not (self.append and existed):
                self.fh.write(codecs.lookup(self.encoding_info[0]).encode("\ufeff")[0])
        except PermissionError:
            exc = UnauthorizedAccessException(f"Access to the path '{full}' is denied.", target=full)
            self.throw_terminating(self.error_record(exc.message, "FileOpenFailure", "OpenError", full, exc))
        except OSError as err:
            exc = IOException(err.strerror or str(err), target=full)
            self.throw_terminating(self.error_record(exc.message, "FileOpenFailure", "OpenError", full, exc))

    def _formatter(self):
        if self.formatter is None:
            from pslark.runtime.formatting import OutDefault
            width = (self.width - 1) if self.width else max(1, self.ctx.host.width - 1)
            self.formatter = OutDefault(width=width, ansi=False)
        return self.formatter

    def _write_lines(self, lines: list) -> None:
        if not lines or self.fh is None:
            return
        sep = "" if self.no_newline else "\n"
        payload = "".join(line + sep for line in lines)
        self.fh.write(encode_text(payload, self.encoding_info, with_bom=False))

    def process_record(self):
        if self.fh is None or self.input_object is AUTOMATION_NULL:
            return
        self._write_lines(self._formatter().write(self.input_object))

    def end_processing(self):
        try:
            if self.formatter is not None:
                self._write_lines(self.formatter.close())
        finally:
            self.close()

    def close(self):
        if self.fh is not None:
            self.fh.close()
            self.fh = None

    def stop_processing(self):
        self.close()
