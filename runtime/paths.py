"""FileSystem provider paths as pwsh sees them on Unix: PathInfo, PS paths, wildcard resolution.

pslark has one provider (FileSystem) with one drive (`/`), so a PS path is the provider path, optionally
written with the provider qualifier `Microsoft.PowerShell.Core\\FileSystem::` or `FileSystem::`. Everything
here is pure path logic over `os`; nothing changes the process's working directory.
"""
from __future__ import annotations

import os
import stat as _stat
from typing import Iterable, Optional

from pslark.runtime.errors import DriveNotFoundException, ItemNotFoundException

PROVIDER_NAME = "Microsoft.PowerShell.Core\\FileSystem"
PROVIDER_PREFIX = PROVIDER_NAME + "::"


class ProviderInfo:
    """System.Management.Automation.ProviderInfo of the FileSystem provider (prints as its full name)."""

    type_names = ["System.Management.Automation.ProviderInfo", "System.Object"]
    ps_properties = ("ImplementingType", "HelpFile", "Name", "PSSnapIn", "ModuleName", "Module", "Description",
                     "Capabilities", "Home", "Drives")

    def __init__(self, home: str = ""):
        self.home = home

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return "FileSystem"
        if key in ("pssnapin", "modulename"):
            return "Microsoft.PowerShell.Core"
        if key == "implementingtype":
            return "Microsoft.PowerShell.Commands.FileSystemProvider"
        if key == "home":
            return self.home
        if key == "capabilities":
            return "Filter, ShouldProcess, Credentials"
        if key == "drives":
            return [DriveInfo()]
        if key == "helpfile":
            return "System.Management.Automation.dll-Help.xml"
        if key in ("module", "description"):
            return None if key == "module" else ""
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return PROVIDER_NAME

    def __str__(self):
        return PROVIDER_NAME


class DriveInfo:
    """The `/` drive (PSDriveInfo); prints as its name."""

    type_names = ["System.Management.Automation.PSDriveInfo", "System.Object"]
    ps_properties = ("CurrentLocation", "Name", "Provider", "Root", "Description", "MaximumSize", "Credential",
                     "DisplayRoot")

    def __init__(self, current_location: str = ""):
        self.current_location = current_location

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return "/"
        if key == "root":
            return "/"
        if key == "currentlocation":
            return self.current_location
        if key == "provider":
            return ProviderInfo()
        if key == "description":
            return ""
        if key in ("maximumsize", "credential", "displayroot"):
            return None
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return "/"

    def __str__(self):
        return "/"


class PathInfo:
    """System.Management.Automation.PathInfo (Get-Location, Resolve-Path, $PWD): prints as its Path."""

    __slots__ = ("path",)
    type_names = ["System.Management.Automation.PathInfo", "System.Object"]
    ps_properties = ("Drive", "Provider", "ProviderPath", "Path")

    def __init__(self, path: str):
        self.path = path

    @property
    def drive(self):
        return DriveInfo(self.path.lstrip("/"))

    @property
    def provider(self):
        return ProviderInfo()

    @property
    def provider_path(self) -> str:
        return self.path

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "path":
            return self.path
        if key == "providerpath":
            return self.path
        if key == "drive":
            return self.drive
        if key == "provider":
            return self.provider
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        if key == "tostring":
            return self.path
        if key == "gethashcode":
            return hash(self.path) & 0x7FFFFFFF
        if key == "equals":
            other = args[0] if args else None
            return isinstance(other, PathInfo) and other.path == self.path
        if key == "gettype":
            from pslark.runtime.types import resolve_type
            return resolve_type("System.Management.Automation.PathInfo")
        raise AttributeError(name)

    def ps_to_string(self) -> str:
        return self.path

    def __str__(self):
        return self.path

    def __repr__(self):
        return f"PathInfo({self.path!r})"

    def __eq__(self, other):
        if isinstance(other, PathInfo):
            return other.path == self.path
        return NotImplemented

    def __hash__(self):
        return hash(self.path)


class PathInfoStack:
    """System.Management.Automation.PathInfoStack (Get-Location -Stack): a named stack, newest first."""

    type_names = ["System.Management.Automation.PathInfoStack", "System.Collections.Generic.Stack`1[[System.Management.Automation.PathInfo]]", "System.Object"]
    ps_properties = ("Name", "Count")

    def __init__(self, name: str, items: list):
        self.name = name
        self.items = list(items)

    def ps_get(self, name: str):
        key = name.casefold()
        if key == "name":
            return self.name
        if key == "count":
            return len(self.items)
        raise AttributeError(name)

    def ps_enumerate(self):
        return iter(self.items)


# ------------------------------------------------------------------------------------------------
# Path strings

def strip_provider(path: str) -> str:
    """Remove `Microsoft.PowerShell.Core\\FileSystem::` / `FileSystem::` from a PS path."""
    low = path.casefold()
    for prefix in ("microsoft.powershell.core\\filesystem::", "filesystem::"):
        if low.startswith(prefix):
            return path[len(prefix):]
    return path


def ps_path(provider_path: str) -> str:
    return PROVIDER_PREFIX + provider_path


def ps_parent_path(provider_path: str) -> str:
    parent = parent_of(provider_path)
    return PROVIDER_PREFIX + parent if parent else ""


def parent_of(path: str) -> str:
    """The parent directory of an absolute path ('' for the root)."""
    if path in ("/", ""):
        return ""
    head = os.path.dirname(path.rstrip("/"))
    return head or "/"


def leaf_of(path: str) -> str:
    if path == "/":
        return "/"
    return os.path.basename(path.rstrip("/"))


def normalize(path: str) -> str:
    """Lexical normalisation the way pwsh shows provider paths: no `.`/`..`, no doubled or trailing `/`."""
    if not path:
        return path
    path = path.replace("\\", "/") if os.sep == "/" else path
    norm = os.path.normpath(path)
    if norm.startswith("//"):
        norm = "/" + norm.lstrip("/")
    return norm


_DRIVE_PREFIXES = ("env:", "variable:", "alias:", "function:", "temp:", "cert:", "hkcu:", "hklm:", "wsman:")


def qualifier_of(path: str) -> Optional[str]:
    """`env:` in `env:PATH`, `C:` in `C:\\x`; None when the path has no drive qualifier."""
    if "::" in path:
        return None
    idx = path.find(":")
    if idx <= 0:
        return None
    head = path[:idx]
    if "/" in head or "\\" in head:
        return None
    return head + ":"


# FileSystem drives other than the root: Temp: (the temp directory, looked up when used) and the drives a
# host adds while it runs (Pester's TestDrive:); lower-cased name -> (name, root or None for the temp folder)
_FS_DRIVES: dict[str, tuple[str, Optional[str]]] = {"temp": ("Temp", None)}


def add_filesystem_drive(name: str, root: str) -> None:
    _FS_DRIVES[name.casefold()] = (name, root)


def remove_filesystem_drive(name: str) -> None:
    if name.casefold() != "temp":
        _FS_DRIVES.pop(name.casefold(), None)


def filesystem_drive_root(name: str) -> Optional[str]:
    """The folder a FileSystem drive (`Temp`, `TestDrive`; any case) stands for; None if there is no such drive."""
    entry = _FS_DRIVES.get(name.casefold())
    if entry is None:
        return None
    if entry[1] is None:
        import tempfile
        return tempfile.gettempdir()
    return entry[1]


def is_filesystem_drive(name: str) -> bool:
    return name.casefold() in _FS_DRIVES


class KnownDriveNames:
    """The lower-cased drive names pslark serves: fixed ones plus the FileSystem drives in force (`in`)."""

    def __init__(self, fixed: Iterable[str]):
        self.fixed = tuple(fixed)

    def __contains__(self, name: object) -> bool:
        return name in self.fixed or (isinstance(name, str) and is_filesystem_drive(name))

    def __iter__(self):
        return iter(self.fixed + tuple(_FS_DRIVES))


def check_drive(path: str, cmdlet: str = "") -> None:
    """A `name:` qualifier other than FileSystem ones is an unknown drive on this provider-less pslark."""
    q = qualifier_of(path)
    if q is None:
        return
    name = q[:-1]
    if is_filesystem_drive(name):
        return
    raise DriveNotFoundException(f"Cannot find drive. A drive with the name '{name}' does not exist.",
                                 error_id="DriveNotFound", category="ObjectNotFound", target=name)


def expand_temp_drive(path: str) -> str:
    """`Temp:` (and any other FileSystem drive, as `TestDrive:`) stands for its root folder."""
    q = qualifier_of(path)
    if q is not None:
        base = filesystem_drive_root(q[:-1])
        if base is not None:
            rest = path[len(q):].lstrip("/\\")
            return os.path.join(base, rest) if rest else base
    return path


def to_provider_path(session, path: str) -> str:
    """Absolute, normalised provider path for a (possibly relative, `~`-prefixed, qualified) PS path."""
    if path is None:
        path = ""
    path = strip_provider(str(path))
    path = expand_temp_drive(path)
    if path.startswith("~"):
        if len(path) == 1 or path[1] in "/\\":
            path = session.home + path[1:]
    path = path.replace("\\", "/") if os.sep == "/" else path
    if not path:
        return session.location
    if not os.path.isabs(path):
        path = os.path.join(session.location, path)
    return normalize(path)


def relative_path(target: str, base: str) -> str:
    """Resolve-Path -Relative: `./x`, `../x` relative to base (pwsh keeps a leading `./`)."""
    rel = os.path.relpath(target, base)
    if rel == ".":
        return "."
    if rel.startswith(".."):
        return rel
    return "./" + rel


def under_directory(path: str, directory: Optional[str]) -> str:
    """MatchInfo.RelativePath: the path without a leading `directory` (case-insensitive), else unchanged."""
    if not directory or not path:
        return path
    if path.casefold().startswith(directory.casefold()):
        off = len(directory)
        if off < len(path):
            if directory[off - 1] in "\\/":
                return path[off:]
            if path[off] in "\\/":
                return path[off + 1:]
    return path


# ------------------------------------------------------------------------------------------------
# Hidden files and wildcard globbing

def is_hidden_name(name: str) -> bool:
    """On Unix .NET reports FileAttributes.Hidden for names starting with a dot."""
    return name.startswith(".") and name not in (".", "..")


def _split_components(path: str) -> list[str]:
    return [c for c in path.split("/") if c != ""]


def expand_wildcards(session, path: str, force: bool = False) -> list[str]:
    """Provider paths matching a PS path with wildcards (`*`, `?`, `[ab]`), component by component.

    Hidden (dot) entries match only with `force` or when the pattern component itself starts with a dot.
    A path without wildcards comes back as itself (existing or not).
    """
    from pslark.runtime.wildcard import has_wildcard, unescape_wildcard, wildcard_to_regex
    if not has_wildcard(path):
        # a -Path is a pattern even without wildcards: backticks escape (`[a`].txt names [a].txt)
        return [to_provider_path(session, unescape_wildcard(path) if "`" in path else path)]
    raw = strip_provider(str(path))
    raw = expand_temp_drive(raw)
    if raw.startswith("~") and (len(raw) == 1 or raw[1] in "/\\"):
        raw = session.home + raw[1:]
    raw = raw.replace("\\", "/") if os.sep == "/" else raw
    if not os.path.isabs(raw):
        raw = os.path.join(session.location, raw)
    parts = _split_components(raw)
    current = ["/"]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt: list[str] = []
        if part == ".":
            nxt = current
        elif part == "..":
            nxt = [parent_of(c) or "/" for c in current]
        elif not has_wildcard(part):
            name = unescape_wildcard(part)
            for c in current:
                candidate = os.path.join(c, name)
                if last or os.path.isdir(candidate):
                    if os.path.lexists(candidate) or not last:
                        nxt.append(candidate)
        else:
            from pslark.runtime.wildcard import WildcardPatternException
            try:
                rx = wildcard_to_regex(part)
            except WildcardPatternException:
                # an invalid pattern (`du[ck`) names itself, as pwsh's globber falls back to a literal
                name = part
                for c in current:
                    candidate = os.path.join(c, name)
                    if os.path.lexists(candidate) and (last or os.path.isdir(candidate)):
                        nxt.append(candidate)
                rx = None
            show_hidden = force or part.startswith(".")
            if rx is None:
                current = iter_unique(nxt)
                if not current:
                    return []
                continue
            for c in current:
                try:
                    names = os.listdir(c)
                except OSError:
                    continue
                for name in sorted(names, key=sort_key):
                    if not show_hidden and is_hidden_name(name):
                        continue
                    if rx.match(name):
                        candidate = os.path.join(c, name)
                        if last or os.path.isdir(candidate):
                            nxt.append(candidate)
        # keep order, drop duplicates
        seen = set()
        current = []
        for c in nxt:
            if c not in seen:
                seen.add(c)
                current.append(c)
        if not current:
            return []
    return [normalize(c) for c in current]


def sort_key(name: str):
    """StringComparer.CurrentCultureIgnoreCase, approximated: case-insensitive, then ordinal."""
    return (name.casefold(), name)


def lexists(path: str) -> bool:
    return os.path.lexists(path)


def is_dir(path: str) -> bool:
    return os.path.isdir(path)


def file_mode_char(st) -> str:
    mode = st.st_mode
    if _stat.S_ISDIR(mode):
        return "d"
    if _stat.S_ISLNK(mode):
        return "l"
    if _stat.S_ISCHR(mode):
        return "c"
    if _stat.S_ISBLK(mode):
        return "b"
    if _stat.S_ISFIFO(mode):
        return "p"
    if _stat.S_ISSOCK(mode):
        return "s"
    return "-"


def not_found_error(path: str, error_id: str = "PathNotFound") -> ItemNotFoundException:
    return ItemNotFoundException(f"Cannot find path '{path}' because it does not exist.", error_id=error_id,
                                 category="ObjectNotFound", target=path)


def iter_unique(items: Iterable[str]) -> list[str]:
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
