"""The cmdlet modules. `load()` registers every cmdlet in runtime.cmdlet.CMDLETS.

Importing every module costs tens of milliseconds at each start, so a manifest (which module defines which
cmdlet and alias, cached per version of these files) registers lazy entries instead; a module is imported
when one of its cmdlets is first used or asked about.
"""
from __future__ import annotations

import importlib
import json
import os
import zlib

MODULES = (
    "core", "foreach", "aliases", "jobs", "variables", "locations", "filesystem", "processes", "modules", "history",
    "objects", "format", "data", "utility", "remoting", "help", "progress", "pester",
)
_PACKAGE = __name__
_loaded = False


def import_all() -> None:
    for name in MODULES:
        importlib.import_module(f"{_PACKAGE}.{name}")


def _fingerprint() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for root, dirs, files in os.walk(here):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".py"):
                st = os.stat(os.path.join(root, f))
                parts.append(f"{root}/{f}:{st.st_mtime_ns}:{st.st_size};")
    key = "".join(parts).encode()
    return f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"   # a cache key, not a security check


def _manifest_path() -> str:
    from pslark.runtime.cachedir import cache_dir
    d = cache_dir()
    return os.path.join(d, f"cmdlets-{_fingerprint()}.json") if d else ""


def load() -> None:
    """Register every cmdlet: lazily from the cached manifest, or by importing all modules (and writing it)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from pslark.runtime import cmdlet as registry
    path = _manifest_path()
    if path and os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as fh:
                manifest = json.load(fh)
            for entry in manifest["cmdlets"]:
                if entry["name"].casefold() not in registry.CMDLETS:
                    registry.CMDLETS[entry["name"].casefold()] = registry.LazyCmdletInfo(
                        entry["name"], entry["module"], tuple(entry["aliases"]), entry["source"])
            for alias, target in manifest["aliases"].items():
                registry.DEFAULT_ALIASES.setdefault(alias, target)
            return
        except (OSError, ValueError, KeyError, TypeError):
            pass
    import_all()
    if path:
        _write_manifest(path)


def _write_manifest(path: str) -> None:
    from pslark.runtime import cmdlet as registry
    entries = [{"name": info.name, "module": info.klass.__module__, "aliases": list(info.aliases),
                "source": info.module} for info in registry.CMDLETS.values()]
    data = {"cmdlets": entries, "aliases": dict(registry.DEFAULT_ALIASES)}
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
        d = os.path.dirname(path)
        for name in os.listdir(d):
            if name.startswith("cmdlets-") and name.endswith(".json") and os.path.join(d, name) != path:
                try:
                    os.remove(os.path.join(d, name))
                except OSError:
                    pass
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass
