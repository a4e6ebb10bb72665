"""FileSystem cmdlets: *-ChildItem, *-Item, *-Content, Test/Join/Split/Resolve/Convert-Path, Out-File
(pwsh's ChildItemCommand, Navigation.cs, ContentCommandBase, FileSystemProvider.cs, on Unix)."""
from __future__ import annotations

import codecs
import os
import shutil
import stat as _stat
from typing import Any, Iterable, Iterator, NamedTuple, Optional

from pslark.runtime.cmdlet import Cmdlet, Parameter, cmdlet
from pslark.runtime.cmdlets.variables import as_list, as_str_list, matcher, text
from pslark.runtime.errors import (
    ArgumentException, ArgumentNullException, DirectoryNotFoundException, DriveNotFoundException, IOException,
    InvalidOperationException, ItemNotFoundException, PSArgumentException, PSException, PSNotSupportedException,
    RuntimeException, UnauthorizedAccessException,
)
from pslark.runtime.fsobjects import DirectoryInfo, FileInfo, file_system_info, is_read_only
from pslark.runtime.objects import AUTOMATION_NULL, PSObject
from pslark.runtime.paths import (
    DriveInfo, KnownDriveNames, PathInfo, ProviderInfo, expand_temp_drive, expand_wildcards, is_filesystem_drive,
    is_hidden_name, leaf_of, normalize, parent_of, ps_parent_path, ps_path, qualifier_of, relative_path, sort_key,
    strip_provider, to_provider_path,
)
from pslark.runtime.providers import OPERATIONS, PROVIDERS, SessionStateProvider, provider_of
from pslark.runtime.shouldprocess import Operation

MANAGEMENT = "Microsoft.PowerShell.Management"
UTILITY = "Microsoft.PowerShell.Utility"

# drives pslark knows: the session-state providers' (env:, variable:, alias:, function:) and FileSystem's temp:
KNOWN_DRIVES = KnownDriveNames(PROVIDERS)   # with the FileSystem drives (temp:, Pester's TestDrive:)


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

    def os_error(self, err: OSError, path: str, denied_id: str, io_id: str, category: str = "WriteError",
                 target: Optional[str] = None) -> None:
        """An OS failure as the FileSystem provider reports it: access denied, or an IOException with the OS text."""
        target = path if target is None else target
        if isinstance(err, PermissionError):
            exc = UnauthorizedAccessException(f"Access to the path '{path}' is denied.", target=path)
            self.report(exc, denied_id, target)
        else:
            self.report(IOException(err.strerror or str(err), category=category, target=target), io_id, target)

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
        if is_filesystem_drive(name):
            return False
        exc = DriveNotFoundException(f"Cannot find drive. A drive with the name '{name}' does not exist.",
                                     error_id="DriveNotFound", category="ObjectNotFound", target=name)
        self.report(exc, "DriveNotFound", name)
        return True

    def provider_matches(self, provider: SessionStateProvider, name: str, literal: bool,
                         missing_path: Optional[str] = None) -> list:
        """(name, item) pairs a session-state drive path selects (all of them for the drive itself); a name
        without wildcards that names nothing is pwsh's PathNotFound, naming `missing_path` or the drive-qualified
        path as the globber does ('Env:/NOPE')."""
        if literal:
            item = provider.get(self.ctx, name) if name else None
            found = provider.items(self.ctx) if not name else \
                ([] if item is None else [(provider.exact_name(self.ctx, name), item)])
        else:
            found = provider.match(self.ctx, name)
        if not found and name and (literal or not _wild(name)):
            self.report(provider.not_found(name, missing_path))
        return found

    def provider_change(self, change) -> Any:
        """Run one provider change (set, remove ...); its errors are non-terminating, as the provider writes them."""
        try:
            return change()
        except PSException as exc:
            self.report(exc)
            return None

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


def _fs_operation(action: str, target: str, call: str) -> Operation:
    """A change the FileSystem provider asks about (FileSystemProviderStrings.resx) inside its `call`."""
    return Operation(action, target, call, "FileSystem")


def _is_real_dir(path: str) -> bool:
    """A directory that is not a link to one (Remove-Item deletes the link, not what it points at)."""
    return os.path.isdir(path) and not os.path.islink(path)


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
            found = provider_of(p)
            if found is not None:
                provider, rest = found
                # SessionStateContainer.GetChildItems names the provider-internal path of a missing item
                for name, item in self.provider_matches(provider, rest, literal, missing_path=rest):
                    if self.wanted_name(name):
                        self.write_object(name if self.name else item)
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
        return self.wanted_name(name)

    def wanted_name(self, name: str) -> bool:
        return _filter_match(self.filter, name) and _apply_include_exclude(name, self.include_m, self.exclude_m)

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
        except OSError as err:
            self.os_error(err, directory, "DirUnauthorizedAccessError", "DirIOError", "ReadError")
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


class Target(NamedTuple):
    """One item a *-Item path selected."""

    provider: Optional[SessionStateProvider]    # None: the FileSystem
    path: str                                   # the provider path, or the item's name on a session-state drive
    item: Any                                   # the session-state item (None on the FileSystem)
    wildcard: bool                              # selected by a -Path wildcard


class _ItemCmdlet(_FsCmdlet):
    """What Get-Item, Set-Item, Remove-Item, Copy-Item and Move-Item share: -Path/-LiteralPath with -Filter,
    -Include, -Exclude and -Force, turned into items on the FileSystem or a session-state drive."""

    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",))
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}})
    filter = Parameter("string")
    include = Parameter("string[]")
    exclude = Parameter("string[]")
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)

    def targets(self, must_exist: bool = True) -> Iterator[Target]:
        """The items the paths select, -Path wildcards expanded and -Filter/-Include/-Exclude applied; pwsh's
        errors for paths that name nothing (unless `must_exist` is false: Set-Item creates)."""
        literal = self.parameter_set == "LiteralPath" or self.literal_path is not None
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        for p in as_str_list(self.literal_path if literal else self.path):
            self.ctx.check_stop()
            wildcard = not literal and _wild(p)
            on_drive = provider_of(p)
            if on_drive is not None:
                provider, rest = on_drive
                if not must_exist and rest and (literal or not _wild(rest)) and provider.get(self.ctx, rest) is None:
                    entries = [(rest, rest, None)]
                else:
                    entries = [(name, name, item) for name, item in self.provider_matches(provider, rest, literal)]
            else:
                provider = None
                entries = [(leaf_of(full), full, None)
                           for full in self.resolve(p, literal, must_exist=must_exist, force=bool(self.force))]
            for name, where, item in entries:
                if _filter_match(self.filter, name) and _apply_include_exclude(name, include, exclude):
                    yield Target(provider, where, item, wildcard)


@cmdlet("Get-Item", aliases=("gi",), default_set="Path", module=MANAGEMENT)
class GetItem(_ItemCmdlet):
    def process_record(self):
        for t in self.targets():
            if t.provider is not None:
                self.write_object(t.item)
            elif not t.wildcard and not self.force and is_hidden_name(leaf_of(t.path)):
                exc = IOException(f"Could not find item {t.path}.", category="ObjectNotFound", target=t.path)
                self.report(exc, "ItemNotFound", t.path)
            else:
                self.write_object(item_object(t.path))


@cmdlet("Set-Item", aliases=("si",), should_process=True, default_set="Path", module=MANAGEMENT)
class SetItem(_ItemCmdlet):
    """SetItemCommand: a session-state drive's item gets a new value (the FileSystem has no item values)."""

    value = Parameter("object", position=1, pipeline=True, by_property_name=True)
    pass_thru = Parameter("switch")
    operations = OPERATIONS

    def process_record(self):
        for t in self.targets(must_exist=False):
            if t.provider is None:
                exc = PSNotSupportedException("Provider operation stopped because the provider does not support "
                                              "this operation.", category="NotImplemented", target=t.path)
                self.report(exc, "NotSupported", t.path)
                continue
            value = None if self.value is AUTOMATION_NULL else self.value
            if not self.should_process(t.provider.operations["set"], t.path, value):
                continue
            item = self.provider_change(lambda: t.provider.write(self.ctx, t.path, value, bool(self.force)))
            if item is not None and self.pass_thru:
                self.write_object(item)


# ------------------------------------------------------------------------------------------------
# Test-Path / Resolve-Path / Convert-Path / Join-Path / Split-Path

@cmdlet("Test-Path", default_set="Path", module=MANAGEMENT)
class TestPath(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, pipeline=True, by_property_name=True, sets=("Path",),
                     allow_null=True, allow_empty_string=True, allow_empty_collection=True)
    literal_path = Parameter("string[]", mandatory=True, by_property_name=True, aliases=("PSPath", "LP"),
                             sets=("LiteralPath", "Path"), per_set={"Path": {"mandatory": False, "hidden": True}},
                             allow_null=True, allow_empty_string=True, allow_empty_collection=True)
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
        values = as_list(raw) if raw is not None else []
        if not values:
            self.null_path(raw)
            return
        for p in values:
            if p is None:
                self.null_path(raw)
                continue
            self.write_object(self.test(text(p), literal))

    def null_path(self, raw: Any) -> None:
        """TestPathCommand: an ArgumentNullException whose parameter name is TestPathResources'
        PathIsNullOrEmptyCollection text, so the message reads as pwsh prints it."""
        exc = ArgumentNullException("Value cannot be null. (Parameter 'The provided Path argument was null or an "
                                    "empty collection.')", category="InvalidArgument")
        self.report(exc, "NullPathNotPermitted", raw)

    def test(self, p: str, literal: bool) -> bool:
        if p.strip() == "":
            return False
        if self.is_valid:
            q = qualifier_of(strip_provider(p))
            if q is not None and q[:-1].casefold() not in KNOWN_DRIVES:
                return False
            return "\x00" not in p
        on_drive = provider_of(p)
        if on_drive is not None:
            # a session-state drive is a container of leaves
            provider, rest = on_drive
            if not rest:
                return self.path_type != "Leaf"
            found = [provider.get(self.ctx, rest)] if literal else [i for _, i in provider.match(self.ctx, rest)]
            return any(i is not None for i in found) and self.path_type != "Container"
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
    child_path = Parameter("string", position=1, mandatory=True, by_property_name=True, allow_null=True,
                           allow_empty_string=True)
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

    @property
    def literal(self) -> bool:
        return self.parameter_set == "LiteralPath" or self.literal_path is not None

    def paths(self) -> list[str]:
        return as_str_list(self.literal_path if self.literal else self.path)

    def drive_items(self, must_exist: bool = True) -> list:
        """(provider, name, item) for the paths on session-state drives (`env:HOME`); item is None for a name
        that does not exist yet when `must_exist` is false."""
        out = []
        for p in self.paths():
            on_drive = provider_of(p)
            if on_drive is None:
                continue
            provider, rest = on_drive
            if not must_exist and rest and not _wild(rest) and provider.get(self.ctx, rest) is None:
                out.append((provider, rest, None))
                continue
            out.extend((provider, name, item) for name, item in self.provider_matches(provider, rest, self.literal))
        return out

    def content_paths(self, must_exist: bool = True, missing_error: str = "PathNotFound") -> list[str]:
        """The FileSystem paths among -Path/-LiteralPath (session-state drives: drive_items)."""
        literal = self.literal
        include = _name_matcher(as_str_list(self.include))
        exclude = _name_matcher(as_str_list(self.exclude))
        out = []
        for p in self.paths():
            if provider_of(p) is not None:
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
        on_drives = [p for p in self.paths() if provider_of(p) is not None]
        if on_drives:
            self.read_drive_items()
        if len(on_drives) == len(self.paths()):
            return
        for full in self.content_paths():
            self.ctx.check_stop()
            self.read_file(full, total, encoding)

    def read_drive_items(self) -> None:
        """Content of env:, variable:, alias: and function: items: their value (SessionStateProviderBase)."""
        if self.is_bound("Tail"):
            exc = InvalidOperationException("The dynamic parameter Tail is not supported by this provider.",
                                            category="InvalidOperation")
            self.report(exc, "TailNotSupported", self.tail)
            return
        for provider, _name, item in self.drive_items():
            self.write_object(provider.value_of(item), enumerate_collection=provider.drive == "Variable")

    def read_file(self, full: str, total: int, encoding) -> None:
        if os.path.isdir(full):
            exc = IOException(f"Unable to get content because it is a directory: '{full}'. Please use "
                              f"'Get-ChildItem' instead.", category="InvalidOperation", target=full)
            self.report(exc, "GetContainerContentException", full)
            return
        try:
            with open(full, "rb") as fh:
                data = fh.read()
        except OSError as err:
            self.os_error(err, full, "GetContentReaderUnauthorizedAccessError", "GetContentReaderIOError", "ReadError")
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
                      allow_null=True, allow_empty_collection=True)
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
        values = self.value if isinstance(self.value, list) else ([] if self.value is None else [self.value])
        if self.value is None:
            values = [None]
        if self.targets is None:
            self.targets = [full for full in self.content_paths(must_exist=False)
                            if self.should_process("content", full)]
            self.write_drive_items(values)
        for full in self.targets:
            self.write_values(full, values)

    def write_drive_items(self, values: list) -> None:
        """SessionStateProviderBaseContentReaderWriter.Write: the item's value becomes the content (one value
        unwrapped); appending would need Seek, which these providers refuse."""
        for provider, name, _item in self.drive_items(must_exist=False):
            if self.append_mode:
                exc = PSNotSupportedException("Cannot call method. The content Seek method is not supported by this "
                                              "provider.", category="NotImplemented", target=name)
                self.report(exc, "NotSupported", name)
                continue
            if not self.should_process("content", provider.display_path(name)):
                continue
            value = values[0] if len(values) == 1 else list(values)
            self.provider_change(lambda: provider.write(self.ctx, name, value, bool(self.force)))
            if self.pass_thru:
                for v in values:
                    self.write_object(v)

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
        except OSError as err:
            self.os_error(err, full, "GetContentWriterUnauthorizedAccessError", "GetContentWriterIOError")
            return
        self.started.add(full)
        if self.pass_thru:
            for v in values:
                self.write_object(v)


@cmdlet("Set-Content", should_process=True, default_set="Path", module=MANAGEMENT)
class SetContent(_WriteContentCmdlet):
    operations = {"content": Operation("Set Content", "Path: {0}")}      # NavigationResources.resx
    def end_processing(self):
        # Set-Content with no input still truncates the file (pwsh opens the writer in BeginProcessing)
        pass


@cmdlet("Add-Content", should_process=True, default_set="Path", module=MANAGEMENT)
class AddContent(_WriteContentCmdlet):
    append_mode = True
    operations = {"content": Operation("Add Content", "Path: {0}")}


@cmdlet("Clear-Content", aliases=("clc",), should_process=True, default_set="Path", module=MANAGEMENT)
class ClearContent(_ContentCmdlet):
    operations = {"clear": _fs_operation("Clear Content", "Item: {0}", "ClearContent")}

    def process_record(self):
        for _provider, name, _item in self.drive_items():
            exc = PSNotSupportedException("Cannot perform the ClearContent operation. The ClearContent operation is "
                                          "not supported by this provider.", category="NotImplemented", target=name)
            self.report(exc, "NotSupported", name)
        for full in self.content_paths():
            if not os.path.isdir(full) and not self.should_process("clear", full):
                continue
            if os.path.isdir(full):
                exc = IOException(f"Unable to clear content because it is a directory: '{full}'.",
                                  category="InvalidOperation", target=full)
                self.report(exc, "ClearContainerContentException", full)
                continue
            try:
                with open(full, "wb"):
                    pass
            except OSError as err:
                self.os_error(err, full, "ClearContentIOError", "ClearContentIOError")


# ------------------------------------------------------------------------------------------------
# New-Item / Remove-Item / Copy-Item / Move-Item / Rename-Item

@cmdlet("New-Item", aliases=("ni",), should_process=True, default_set="pathSet", module=MANAGEMENT)
class NewItem(_FsCmdlet):
    path = Parameter("string[]", position=0, mandatory=True, by_property_name=True, sets=("pathSet", "nameSet"),
                     per_set={"nameSet": {"mandatory": False}})
    name = Parameter("string", mandatory=True, by_property_name=True, sets=("nameSet",), allow_null=True,
                     allow_empty_string=True)
    item_type = Parameter("string", by_property_name=True, aliases=("Type",))
    value = Parameter("object", pipeline=True, by_property_name=True, aliases=("Target",))
    force = Parameter("switch")
    credential = Parameter("object", by_property_name=True)
    # FileSystemProviderStrings.resx (NewItemAction*), and the session-state drives' New Item / Set Item
    operations = {
        "file": _fs_operation("Create File", "Destination: {0}", "NewItem"),
        "directory": _fs_operation("Create Directory", "Destination: {0}", "NewItem"),
        "symboliclink": _fs_operation("Create Symbolic Link", "Destination: {0}", "NewItem"),
        "hardlink": _fs_operation("Create Hard Link", "Destination: {0}", "NewItem"),
        "junction": _fs_operation("Create Junction", "Destination: {0}", "NewItem"),
        "new": OPERATIONS["new"], "set": OPERATIONS["set"],
    }

    def process_record(self):
        session = self.ctx.session
        paths = as_str_list(self.path) if self.path is not None else [session.location]
        on_drives = [provider_of(p) for p in paths]
        for on_drive in filter(None, on_drives):
            provider, rest = on_drive
            self.create_on_drive(provider, self.name if self.name else rest)
        paths = [p for p, on_drive in zip(paths, on_drives) if on_drive is None]
        if not paths:
            return
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

    def create_on_drive(self, provider: SessionStateProvider, name: str) -> None:
        """SessionStateProviderBase.NewItem: a value is required, an existing name needs -Force."""
        value = None if self.value is AUTOMATION_NULL else self.value
        if value is None:
            exc = ArgumentNullException("Value cannot be null. (Parameter 'value')", category="InvalidArgument")
            self.report(exc, "NewItemValueNotSpecified", name)
            return
        if provider.get(self.ctx, name) is not None and not self.force:
            self.report(provider.already_exists(name))
            return
        if not self.should_process(provider.operations["new"], name, self.item_type, value) or \
                not self.should_process(provider.operations["set"], name, value):
            return
        item = self.provider_change(lambda: provider.write(self.ctx, name, value, bool(self.force)))
        if item is not None:
            self.write_object(item)

    def create(self, full: str, kind: str) -> None:
        value = self.value
        if not self.should_process(kind, full):
            return
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
        self.os_error(err, full, error_id, error_id)


@cmdlet("Remove-Item", aliases=("ri", "rd", "del", "erase"), should_process=True, default_set="Path",
        module=MANAGEMENT)
class RemoveItem(_ItemCmdlet):
    recurse = Parameter("switch", aliases=("r",))
    operations = {"file": _fs_operation("Remove File", "{0}", "RemoveItem"),
                  "directory": _fs_operation("Remove Directory", "{0}", "RemoveItem"), "remove": OPERATIONS["remove"]}

    def process_record(self):
        for t in self.targets():
            if t.provider is not None:
                if self.should_process(t.provider.operations["remove"], t.path):
                    self.provider_change(lambda: t.provider.delete(self.ctx, t.path, bool(self.force)))
            elif self.should_process("directory" if _is_real_dir(t.path) else "file", t.path):
                self.remove(t.path)

    def remove(self, full: str) -> None:
        try:
            if _is_real_dir(full):
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
        except OSError as err:
            self.os_error(err, full, "RemoveFileSystemItemUnAuthorizedAccess", "RemoveFileSystemItemIOError")


def _item_operations(verb: str, **more: Operation) -> dict:
    """FileSystemProviderStrings.resx: `Copy File` / `Move Directory` ... on `Item: {0} Destination: {1}`."""
    return {"file": _fs_operation(f"{verb} File", "Item: {0} Destination: {1}", f"{verb}Item"),
            "directory": _fs_operation(f"{verb} Directory", "Item: {0} Destination: {1}", f"{verb}Item"), **more}


class _CopyMoveCmdlet(_ItemCmdlet):
    destination = Parameter("string", position=1, by_property_name=True)
    pass_thru = Parameter("switch")

    def fs_targets(self) -> Iterator[str]:
        """The FileSystem sources; a session-state item goes to copy_on_drive (Move-Item has none there)."""
        for t in self.targets():
            if t.provider is None:
                yield t.path
            elif isinstance(self, CopyItem):
                self.copy_on_drive(t)
            else:
                exc = PSNotSupportedException("Provider operation stopped because the provider does not support "
                                              "this operation.", category="NotImplemented", target=t.path)
                self.report(exc, "NotSupported", t.path)

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
    operations = _item_operations("Copy", copy=OPERATIONS["copy"])

    def copy_on_drive(self, t: Target) -> None:
        """SessionStateProviderBase.CopyItem: the value goes to a new name on the same drive."""
        on_drive = provider_of(self.destination) if self.destination else None
        dest = on_drive[1] if on_drive is not None and on_drive[0] is t.provider else ""
        if not dest:
            if self.pass_thru:
                self.write_object(t.item)
            return
        if self.should_process(t.provider.operations["copy"], t.path, dest):
            item = self.provider_change(
                lambda: t.provider.write(self.ctx, dest, t.provider.value_of(t.item), bool(self.force)))
            if item is not None and self.pass_thru:
                self.write_object(item)

    def process_record(self):
        for src in self.fs_targets():
            dest = self.destination_for(src)
            if not self.should_process("directory" if os.path.isdir(src) else "file", src, dest):
                continue
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
            except OSError as err:
                # the access error names the destination, the IOException the source
                self.os_error(err, dest if isinstance(err, PermissionError) else src,
                              "CopyFileInfoItemUnauthorizedAccessError", "CopyFileInfoItemIOError", target=src)
                continue
            if self.pass_thru:
                self.write_object(result)


@cmdlet("Move-Item", aliases=("mi", "move"), should_process=True, default_set="Path", module=MANAGEMENT)
class MoveItem(_CopyMoveCmdlet):
    operations = _item_operations("Move")

    def process_record(self):
        for src in self.fs_targets():
            dest = self.destination_for(src)
            if not self.should_process("directory" if os.path.isdir(src) else "file", src, dest):
                continue
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
    operations = _item_operations("Rename", rename=OPERATIONS["rename"])

    def process_record(self):
        literal = self.parameter_set == "ByLiteralPath" or self.literal_path is not None
        p = self.literal_path if literal else self.path
        on_drive = provider_of(p)
        if on_drive is not None:
            for name, item in self.provider_matches(on_drive[0], on_drive[1], literal):
                self.rename_on_drive(on_drive[0], name, item)
            return
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
            if not self.should_process("directory" if os.path.isdir(src) else "file", src, target):
                continue
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


    def rename_on_drive(self, provider: SessionStateProvider, name: str, item: Any) -> None:
        """SessionStateProviderBase.RenameItem: the item moves to the new name on the same drive."""
        new = text(self.new_name)
        if provider.get(self.ctx, new) is not None and new.casefold() != name.casefold() and not self.force:
            self.report(provider.already_exists(new))
            return
        if not self.should_process(provider.operations["rename"], name, new):
            return

        def rename():
            if new.casefold() == name.casefold():
                return item
            renamed = provider.write(self.ctx, new, item, bool(self.force))
            provider.delete(self.ctx, name, bool(self.force))
            return renamed
        renamed = self.provider_change(rename)
        if renamed is not None and self.pass_thru:
            self.write_object(renamed)


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
    operations = {"output": Operation("Output to File")}       # ShouldProcess(FilePath, OutFile_Action)

    def begin_processing(self):
        self.fh = None
        self.formatter = None
        self.encoding_info = encoding_of(self, self.encoding)
        literal = self.parameter_set == "ByLiteralPath" or self.literal_path is not None
        p = self.literal_path if literal else self.file_path
        session = self.ctx.session
        if not self.should_process("output", p) or self.drive_not_found(p):
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
