"""System.IO.FileInfo / DirectoryInfo as pwsh shows them on Unix, with the FileSystem provider's note
properties (PSPath, PSParentPath, PSChildName, PSDrive, PSProvider, PSIsContainer) and the Unix code
properties (UnixMode, User, Group, Size). Everything is read from `os.lstat`/`os.stat` when asked.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import stat as _stat
from typing import Any, Optional

from pslark.runtime.paths import (
    DriveInfo, ProviderInfo, is_hidden_name, leaf_of, parent_of, ps_parent_path, ps_path,
)

_FS_BASE = ["System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object"]

_FILE_PROPS = ("PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer", "Mode",
               "ModeWithoutHardLink", "VersionInfo", "BaseName", "ResolvedTarget", "Target", "LinkType",
               "Length", "DirectoryName", "Directory", "IsReadOnly", "Exists", "FullName", "Extension", "Name",
               "CreationTime", "CreationTimeUtc", "LastAccessTime", "LastAccessTimeUtc", "LastWriteTime",
               "LastWriteTimeUtc", "LinkTarget", "UnixFileMode", "Attributes", "UnixMode", "User", "Group",
               "Size")
_DIR_PROPS = ("PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider", "PSIsContainer", "Mode",
              "ModeWithoutHardLink", "BaseName", "ResolvedTarget", "Target", "LinkType", "Parent", "Root",
              "Exists", "FullName", "Extension", "Name", "CreationTime", "CreationTimeUtc", "LastAccessTime",
              "LastAccessTimeUtc", "LastWriteTime", "LastWriteTimeUtc", "LinkTarget", "UnixFileMode",
              "Attributes", "UnixMode", "User", "Group", "Size")

# FileAttributes flag values (ToString lists set flags in ascending value order)
_ATTR_ORDER = (("ReadOnly", 1), ("Hidden", 2), ("System", 4), ("Directory", 16), ("Archive", 32),
               ("Device", 64), ("Normal", 128), ("ReparsePoint", 1024))
_UNIX_MODE_FLAGS = (("OtherExecute", 0o1), ("OtherWrite", 0o2), ("OtherRead", 0o4), ("GroupExecute", 0o10),
                    ("GroupWrite", 0o20), ("GroupRead", 0o40), ("UserExecute", 0o100), ("UserWrite", 0o200),
                    ("UserRead", 0o400), ("StickyBit", 0o1000), ("SetGroup", 0o2000), ("SetUser", 0o4000))


def _local(ts: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(ts)


def _utc(ts: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).replace(tzinfo=None)


def _never() -> _dt.datetime:
    """What .NET reports for a file that does not exist: 1601-01-01 00:00 UTC, in local time."""
    base = _dt.datetime(1601, 1, 1)
    try:
        offset = _dt.datetime.now().astimezone().utcoffset() or _dt.timedelta(0)
    except Exception:
        offset = _dt.timedelta(0)
    return base + offset


def unix_mode_string(mode: int) -> str:
    """`-rw-r--r--`, `drwxr-xr-x`, with s/S and t/T for setuid/setgid/sticky (PSUnixFileStat)."""
    if _stat.S_ISDIR(mode):
        kind = "d"
    elif _stat.S_ISLNK(mode):
        kind = "l"
    elif _stat.S_ISCHR(mode):
        kind = "c"
    elif _stat.S_ISBLK(mode):
        kind = "b"
    elif _stat.S_ISFIFO(mode):
        kind = "p"
    elif _stat.S_ISSOCK(mode):
        kind = "s"
    else:
        kind = "-"
    chars = []
    for who, (r, w, x, special, on, off) in enumerate((
            (0o400, 0o200, 0o100, 0o4000, "s", "S"),
            (0o040, 0o020, 0o010, 0o2000, "s", "S"),
            (0o004, 0o002, 0o001, 0o1000, "t", "T"))):
        chars.append("r" if mode & r else "-")
        chars.append("w" if mode & w else "-")
        if mode & special:
            chars.append(on if mode & x else off)
        else:
            chars.append("x" if mode & x else "-")
    return kind + "".join(chars)


def _user_name(uid: int) -> str:
    try:
        import pwd
        return pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):
        return str(uid)


def _group_name(gid: int) -> str:
    try:
        import grp
        return grp.getgrgid(gid).gr_name
    except (KeyError, ImportError):
        return str(gid)


def is_read_only(st) -> bool:
    """.NET's FileStatus.IsReadOnly on Unix: the write bit of the class (owner, group, other) the caller is in
    (root is not special)."""
    mode = st.st_mode
    if st.st_uid == os.geteuid():
        return not mode & _stat.S_IWUSR
    try:
        groups = set(os.getgroups()) | {os.getegid()}
    except OSError:
        groups = {os.getegid()}
    if st.st_gid in groups:
        return not mode & _stat.S_IWGRP
    return not mode & _stat.S_IWOTH


def _flags_text(pairs, value: int, zero: str = "None") -> str:
    names = [n for n, bit in pairs if value & bit]
    return ", ".join(names) if names else zero


def file_system_info(path: str, follow_dir_links: bool = True):
    """FileInfo or DirectoryInfo for a path (a symlink to a directory is a DirectoryInfo, as in .NET)."""
    if os.path.isdir(path):
        return DirectoryInfo(path)
    return FileInfo(path)


class FileSystemInfo:
    """Shared members of FileInfo and DirectoryInfo (a snapshot of lstat, refreshed on demand)."""

    is_container = False
    type_names: list = []
    ps_properties: tuple = ()

    def __init__(self, path: str):
        self.full_name = path
        self._lst: Optional[os.stat_result] = None
        self._st: Optional[os.stat_result] = None
        self._loaded = False

    # ---- stat
    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            self._lst = os.lstat(self.full_name)
        except OSError:
            self._lst = None
            self._st = None
            return
        if _stat.S_ISLNK(self._lst.st_mode):
            try:
                self._st = os.stat(self.full_name)
            except OSError:
                self._st = None
        else:
            self._st = self._lst

    def refresh(self) -> None:
        self._loaded = False
        self._load()

    @property
    def lst(self):
        self._load()
        return self._lst

    @property
    def exists(self) -> bool:
        self._load()
        if self._lst is None:
            return False
        if self.is_container:
            return self._st is not None and _stat.S_ISDIR(self._st.st_mode)
        return self._st is None or not _stat.S_ISDIR(self._st.st_mode)

    @property
    def name(self) -> str:
        return leaf_of(self.full_name)

    @property
    def extension(self) -> str:
        name = self.name
        idx = name.rfind(".")
        if idx < 0 or idx == len(name) - 1:
            return ""
        return name[idx:]

    @property
    def base_name(self) -> str:
        ext = self.extension
        name = self.name
        return name[:-len(ext)] if ext else name

    @property
    def is_link(self) -> bool:
        lst = self.lst
        return lst is not None and _stat.S_ISLNK(lst.st_mode)

    @property
    def link_target(self) -> Optional[str]:
        if not self.is_link:
            return None
        try:
            return os.readlink(self.full_name)
        except OSError:
            return None

    @property
    def link_type(self) -> Optional[str]:
        if self.is_link:
            return "SymbolicLink"
        lst = self.lst
        if lst is not None and not self.is_container and lst.st_nlink > 1:
            return "HardLink"
        return None

    @property
    def attributes_value(self) -> int:
        lst = self.lst
        if lst is None:
            return -1
        value = 0
        if self.is_container:
            value |= 16
        if is_hidden_name(self.name):
            value |= 2
        if self.is_link:
            value |= 1024
        st = self._st
        if not self.is_container and st is not None and is_read_only(st):
            value |= 1
        if value == 0:
            value = 128
        return value

    @property
    def attributes(self) -> str:
        value = self.attributes_value
        if value == -1:
            return "-1"
        return _flags_text(_ATTR_ORDER, value)

    @property
    def mode(self) -> str:
        value = self.attributes_value
        if value == -1:
            return ""
        first = "l" if self.is_link else ("d" if value & 16 else "-")
        return first + ("a" if value & 32 else "-") + ("r" if value & 1 else "-") + \
            ("h" if value & 2 else "-") + ("s" if value & 4 else "-")

    def _time(self, attr: str, utc: bool = False) -> _dt.datetime:
        st = self._st or self.lst
        if st is None:
            return _never() if not utc else _dt.datetime(1601, 1, 1)
        ts = getattr(st, attr)
        return _utc(ts) if utc else _local(ts)

    def _creation_ts(self) -> Optional[float]:
        st = self._st or self.lst
        if st is None:
            return None
        birth = getattr(st, "st_birthtime", None)
        if birth:
            return birth
        return min(st.st_ctime, st.st_mtime)

    @property
    def creation_time(self) -> _dt.datetime:
        ts = self._creation_ts()
        return _never() if ts is None else _local(ts)

    @property
    def last_write_time(self) -> _dt.datetime:
        return self._time("st_mtime")

    @property
    def last_access_time(self) -> _dt.datetime:
        return self._time("st_atime")

    @property
    def unix_mode(self) -> str:
        lst = self.lst
        return unix_mode_string(lst.st_mode) if lst is not None else ""

    @property
    def unix_file_mode(self) -> str:
        st = self._st or self.lst
        if st is None:
            return "-1"
        return _flags_text(_UNIX_MODE_FLAGS, _stat.S_IMODE(st.st_mode))

    @property
    def user(self) -> str:
        lst = self.lst
        return _user_name(lst.st_uid) if lst is not None else ""

    @property
    def group(self) -> str:
        lst = self.lst
        return _group_name(lst.st_gid) if lst is not None else ""

    @property
    def size(self) -> int:
        lst = self.lst
        return lst.st_size if lst is not None else 0

    # ---- PowerShell member access
    def ps_get(self, name: str):
        key = name.casefold()
        getter = _COMMON_GETTERS.get(key)
        if getter is not None:
            return getter(self)
        getter = self._own_getters().get(key)
        if getter is not None:
            return getter(self)
        raise AttributeError(name)

    def _own_getters(self) -> dict:
        return {}

    def ps_set(self, name: str, value: Any) -> None:
        key = name.casefold()
        if key in ("lastwritetime", "lastaccesstime", "lastwritetimeutc", "lastaccesstimeutc"):
            from pslark.runtime.conversion import to_datetime
            when = to_datetime(value)
            if key.endswith("utc"):
                ts = when.replace(tzinfo=_dt.timezone.utc).timestamp()
            else:
                ts = when.timestamp()
            st = os.stat(self.full_name)
            if key.startswith("lastwrite"):
                os.utime(self.full_name, (st.st_atime, ts))
            else:
                os.utime(self.full_name, (ts, st.st_mtime))
            self.refresh()
            return
        if key == "isreadonly" and not self.is_container:
            from pslark.runtime.conversion import to_bool
            st = os.stat(self.full_name)
            mode = _stat.S_IMODE(st.st_mode)
            mode = (mode & ~0o222) if to_bool(value) else (mode | 0o200)
            os.chmod(self.full_name, mode)
            self.refresh()
            return
        raise AttributeError(name)

    def ps_invoke(self, name: str, args: list):
        key = name.casefold()
        if key == "tostring":
            return self.full_name
        if key == "refresh":
            self.refresh()
            return None
        if key == "delete":
            self._delete(bool(args[0]) if args else False)
            return None
        if key == "gethashcode":
            return hash(self.full_name) & 0x7FFFFFFF
        if key == "equals":
            return args and args[0] is self
        if key == "gettype":
            from pslark.runtime.types import resolve_type
            return resolve_type(self.type_names[0])
        if key == "moveto":
            dest = self._dest(args[0])
            if os.path.lexists(dest) and not (len(args) > 1 and args[1]):
                from pslark.runtime.errors import IOException
                raise IOException(f"Cannot create '{dest}' because a file or directory with the same name "
                                  f"already exists.")
            os.replace(self.full_name, dest)
            self.full_name = dest
            self.refresh()
            return None
        return self._invoke(key, name, args)

    def _invoke(self, key: str, name: str, args: list):
        raise AttributeError(name)

    def _dest(self, value: Any) -> str:
        from pslark.runtime.conversion import to_string
        dest = to_string(value)
        if not os.path.isabs(dest):
            try:
                from pslark.interpreter.engine import current_context
                base = current_context().session.location
            except Exception:
                base = os.getcwd()
            dest = os.path.join(base, dest)
        return os.path.normpath(dest)

    def _delete(self, recursive: bool) -> None:
        raise NotImplementedError

    def ps_to_string(self) -> str:
        return getattr(self, "original_path", None) or self.full_name

    def __str__(self):
        return self.ps_to_string()

    def __repr__(self):
        return f"{type(self).__name__}({self.full_name!r})"

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)


_COMMON_GETTERS = {
    "pspath": lambda o: ps_path(o.full_name),
    "psparentpath": lambda o: ps_parent_path(o.full_name),
    "pschildname": lambda o: o.name,
    "psdrive": lambda o: DriveInfo(),
    "psprovider": lambda o: ProviderInfo(),
    "psiscontainer": lambda o: o.is_container,
    "mode": lambda o: o.mode,
    "modewithouthardlink": lambda o: o.mode,
    "basename": lambda o: o.base_name,
    "resolvedtarget": lambda o: os.path.realpath(o.full_name) if o.is_link else o.full_name,
    "target": lambda o: o.link_target,
    "linktarget": lambda o: o.link_target,
    "linktype": lambda o: o.link_type,
    "exists": lambda o: o.exists,
    "fullname": lambda o: o.full_name,
    "extension": lambda o: o.extension,
    "name": lambda o: o.name,
    "creationtime": lambda o: o.creation_time,
    "creationtimeutc": lambda o: o.creation_time.astimezone(_dt.timezone.utc).replace(tzinfo=None),
    "lastaccesstime": lambda o: o.last_access_time,
    "lastaccesstimeutc": lambda o: o._time("st_atime", utc=True),
    "lastwritetime": lambda o: o.last_write_time,
    "lastwritetimeutc": lambda o: o._time("st_mtime", utc=True),
    "unixfilemode": lambda o: o.unix_file_mode,
    "attributes": lambda o: o.attributes,
    "unixmode": lambda o: o.unix_mode,
    "user": lambda o: o.user,
    "group": lambda o: o.group,
    "size": lambda o: o.size,
}


class FileInfo(FileSystemInfo):
    is_container = False
    type_names = ["System.IO.FileInfo"] + _FS_BASE
    ps_properties = _FILE_PROPS

    @property
    def length(self) -> int:
        st = self._st or self.lst
        if st is None:
            from pslark.runtime.errors import FileNotFoundException
            raise FileNotFoundException(f"Could not find file '{self.full_name}'.")
        return st.st_size

    @property
    def directory_name(self) -> str:
        return parent_of(self.full_name)

    def _own_getters(self) -> dict:
        return _FILE_GETTERS

    def _delete(self, recursive: bool) -> None:
        os.remove(self.full_name)
        self.refresh()

    def _invoke(self, key: str, name: str, args: list):
        from pslark.runtime.conversion import to_string
        if key == "copyto":
            dest = self._dest(args[0])
            overwrite = bool(args[1]) if len(args) > 1 else False
            if os.path.exists(dest) and not overwrite:
                from pslark.runtime.errors import IOException
                raise IOException(f"The file '{dest}' already exists.")
            shutil.copy2(self.full_name, dest)
            return FileInfo(dest)
        if key in ("opentext", "readalltext"):
            with open(self.full_name, encoding="utf-8-sig", errors="replace") as fh:
                return fh.read()
        if key == "create":
            open(self.full_name, "wb").close()
            self.refresh()
            return None
        raise AttributeError(name)


_FILE_GETTERS = {
    "length": lambda o: o.length,
    "directoryname": lambda o: o.directory_name,
    "directory": lambda o: DirectoryInfo(o.directory_name) if o.directory_name else None,
    "isreadonly": lambda o: bool(o.attributes_value & 1) if o.attributes_value != -1 else True,
    "versioninfo": lambda o: None,
}


def _net_pattern_match(pattern: str, name: str) -> bool:
    """.NET's search pattern: `*` and `?` only (brackets are literal), case-sensitive on Unix."""
    import re
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, name, re.DOTALL) is not None


class DirectoryInfo(FileSystemInfo):
    is_container = True
    type_names = ["System.IO.DirectoryInfo"] + _FS_BASE
    ps_properties = _DIR_PROPS

    def _own_getters(self) -> dict:
        return _DIR_GETTERS

    def _delete(self, recursive: bool) -> None:
        if recursive:
            shutil.rmtree(self.full_name)
        else:
            os.rmdir(self.full_name)
        self.refresh()

    def _entries(self, pattern: str, want: str, recurse: bool = False) -> list:
        out = []
        try:
            names = sorted(os.listdir(self.full_name), key=lambda n: (n.casefold(), n))
        except OSError as exc:
            from pslark.runtime.errors import DirectoryNotFoundException
            raise DirectoryNotFoundException(f"Could not find a part of the path '{self.full_name}'.") from exc
        dirs = []
        for n in names:
            full = os.path.join(self.full_name, n)
            is_dir = os.path.isdir(full)
            if is_dir:
                dirs.append(full)
            if not _net_pattern_match(pattern, n):
                continue
            if want == "files" and not is_dir:
                out.append(FileInfo(full))
            elif want == "dirs" and is_dir:
                out.append(DirectoryInfo(full))
            elif want == "all":
                out.append(DirectoryInfo(full) if is_dir else FileInfo(full))
        if recurse:
            for d in dirs:
                if not os.path.islink(d):
                    out.extend(DirectoryInfo(d)._entries(pattern, want, True))
        return out

    def _invoke(self, key: str, name: str, args: list):
        from pslark.runtime.conversion import to_string
        pattern = to_string(args[0]) if args else "*"
        recurse = False
        if len(args) > 1:
            opt = to_string(args[1])
            recurse = opt.casefold() in ("alldirectories", "1")
        if key in ("getfiles", "enumeratefiles"):
            return self._entries(pattern, "files", recurse)
        if key in ("getdirectories", "enumeratedirectories"):
            return self._entries(pattern, "dirs", recurse)
        if key in ("getfilesysteminfos", "enumeratefilesysteminfos"):
            return self._entries(pattern, "all", recurse)
        if key == "create":
            os.makedirs(self.full_name, exist_ok=True)
            self.refresh()
            return None
        if key == "createsubdirectory":
            target = os.path.normpath(os.path.join(self.full_name, to_string(args[0])))
            os.makedirs(target, exist_ok=True)
            return DirectoryInfo(target)
        raise AttributeError(name)


_DIR_GETTERS = {
    "parent": lambda o: DirectoryInfo(parent_of(o.full_name)) if parent_of(o.full_name) else None,
    "root": lambda o: DirectoryInfo("/"),
}
