"""pwsh's built-in aliases as they are on Linux.

pwsh leaves out the aliases that would hide Unix tools (InitialSessionState.cs, `#if !UNIX`): ac, cat, clear,
compare, cp, cpp, diff, gsv, ls, man, mount, mv, ps, rm, rmdir, sasv, sleep, sort, spsv, start, tee, write.
So `ls`, `sort` and `sleep` run the native programs, exactly as in pwsh on Linux.
"""
from __future__ import annotations

from pslark.runtime.cmdlet import DEFAULT_ALIASES

# pwsh 7.4 on Linux: the Windows-only compatibility aliases (ls, cat, cp, mv, rm, ps, kill, sleep, sort, ...)
# are not defined, so the native tools win. dir/gci, gc, etc. remain.
LINUX_ALIASES = {
    "%": "ForEach-Object", "foreach": "ForEach-Object", "?": "Where-Object", "where": "Where-Object",
    "select": "Select-Object", "group": "Group-Object", "measure": "Measure-Object", "tee": "Tee-Object",
    "echo": "Write-Output", "write": None, "ft": "Format-Table", "fl": "Format-List", "fw": "Format-Wide",
    "gm": "Get-Member", "gcm": "Get-Command", "gal": "Get-Alias", "sal": "Set-Alias", "nal": "New-Alias",
    "gv": "Get-Variable", "sv": "Set-Variable", "set": "Set-Variable", "rv": "Remove-Variable",
    "nv": "New-Variable", "clv": "Clear-Variable",
    "gl": "Get-Location", "pwd": "Get-Location", "sl": "Set-Location", "cd": "Set-Location", "chdir": "Set-Location",
    "pushd": "Push-Location", "popd": "Pop-Location",
    "gci": "Get-ChildItem", "dir": "Get-ChildItem", "gc": "Get-Content", "sc": None, "ac": None,
    "ni": "New-Item", "ri": "Remove-Item", "rd": "Remove-Item", "del": "Remove-Item", "erase": "Remove-Item",
    "ci": None, "cpi": "Copy-Item", "copy": "Copy-Item", "mi": "Move-Item",
    "move": "Move-Item", "rni": "Rename-Item", "ren": "Rename-Item", "gi": "Get-Item", "gp": "Get-ItemProperty",
    "rvpa": "Resolve-Path", "cls": "Clear-Host", "h": "Get-History", "history": "Get-History",
    "ghy": "Get-History", "r": "Invoke-History", "ihy": "Invoke-History", "iex": "Invoke-Expression",
    "icm": "Invoke-Command", "gps": "Get-Process", "spps": "Stop-Process", "saps": "Start-Process",
    "start": None, "gjb": "Get-Job", "rcjb": "Receive-Job", "rjb": "Remove-Job",
    "sajb": "Start-Job", "spjb": "Stop-Job", "wjb": "Wait-Job", "gdr": "Get-PSDrive", "gmo": "Get-Module",
    "ipmo": "Import-Module", "rmo": "Remove-Module", "epcsv": "Export-Csv", "ipcsv": "Import-Csv",
    "oh": "Out-Host", "irm": "Invoke-RestMethod", "iwr": "Invoke-WebRequest", "gu": None,
    "sls": "Select-String", "sleep": None, "sort": None, "compare": None, "diff": None,
    "cnsn": "Connect-PSSession", "dnsn": "Disconnect-PSSession", "etsn": "Enter-PSSession",
    "exsn": "Exit-PSSession", "gsn": "Get-PSSession", "nsn": "New-PSSession", "rsn": "Remove-PSSession",
    "ogv": None, "shcm": None, "gerr": "Get-Error", "gtz": "Get-TimeZone", "stz": None,
    "gcs": "Get-PSCallStack", "gin": "Get-ComputerInfo", "gcb": None, "scb": None,
    "ii": "Invoke-Item", "clc": "Clear-Content", "cli": "Clear-Item", "clhy": "Clear-History",
    "gcim": None, "dbp": None, "ebp": None, "gbp": None, "sbp": None, "rbp": None,
    "ise": None, "cvpa": "Convert-Path", "fc": "Format-Custom", "fhx": "Format-Hex", "sp": "Set-ItemProperty",
    "npssc": None, "type": None, "cpp": "Copy-ItemProperty", "mp": "Move-ItemProperty", "rp": "Remove-ItemProperty",
    "clp": "Clear-ItemProperty", "gpv": "Get-ItemPropertyValue", "si": "Set-Item", "pushd ": None,
}

DEFAULT_ALIAS_TABLE = {k: v for k, v in LINUX_ALIASES.items() if v and " " not in k}


_BUILTIN_OPTIONS = frozenset({"ReadOnly", "AllScope"})
_builtin_entries: list = []


def install_default_aliases(runspace) -> None:
    """Give a new runspace the built-in aliases (pwsh's AllScope, ReadOnly ones behave alike here)."""
    from pslark.runtime.commandinfo import AliasInfo
    if not _builtin_entries:
        table = dict(DEFAULT_ALIAS_TABLE)
        table.update(DEFAULT_ALIASES)
        _builtin_entries[:] = [(name.casefold(), name, target) for name, target in table.items()]
    aliases = runspace.session.global_scope.aliases
    for key, name, target in _builtin_entries:
        aliases[key] = AliasInfo(name, target, options=_BUILTIN_OPTIONS)
