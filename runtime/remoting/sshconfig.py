"""What OpenSSH's client would use to reach a host: ~/.ssh/config (and /etc/ssh/ssh_config) resolved with
paramiko.SSHConfig, then command-line values on top (-UserName, -Port, -KeyFilePath, -Options), as `ssh -l -p -i
-o` would. Host patterns match case-insensitively, as ssh lowercases the name it is given."""
from __future__ import annotations

import getpass
import os
import re
from typing import Any, Optional

DEFAULT_IDENTITY_FILES = ("~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519")
DEFAULT_KNOWN_HOSTS = ("~/.ssh/known_hosts", "~/.ssh/known_hosts2")
GLOBAL_KNOWN_HOSTS = ("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2")
SYSTEM_CONFIG = "/etc/ssh/ssh_config"
DEFAULT_ALIVE_INTERVAL = 15.0          # pslark pings its server even when ssh's ServerAliveInterval is 0
DEFAULT_ALIVE_COUNT = 3

_HOST_LINE = re.compile(r"^(\s*host\s+)(.*)$", re.IGNORECASE)
_TRUE = ("yes", "true", "on", "1")


class SSHConfigError(Exception):
    """The ssh configuration (a file or -Options) cannot be used; the message says why."""


class SSHTarget:
    """Everything needed to connect to one host: the values ssh would use after reading its configuration."""

    def __init__(self, name: str):
        self.name = name                       # as the user wrote it (PSComputerName)
        self.hostname = name
        self.port = 22
        self.user = ""
        self.identity_files: list[str] = []
        self.explicit_key: Optional[str] = None   # -KeyFilePath: must exist
        self.default_identities = False        # no IdentityFile anywhere: ssh's default files
        self.identities_only = False
        self.known_hosts_files: list[str] = []
        self.global_known_hosts: list[str] = []
        self.strict = "ask"                    # StrictHostKeyChecking: yes | ask | accept-new | no
        self.hash_known_hosts = False
        self.host_key_alias: Optional[str] = None
        self.proxy_jump: Optional[str] = None
        self.connect_timeout: Optional[float] = None   # ConnectTimeout (seconds) for the TCP connection
        self.alive_interval = DEFAULT_ALIVE_INTERVAL
        self.alive_count = DEFAULT_ALIVE_COUNT
        self.remote_command: Optional[str] = None      # RemoteCommand: the exec fallback's command
        self.batch_mode = False
        self.password_authentication = True
        self.password_prompts = 3
        self.add_keys_to_agent = False

    @property
    def known_host_name(self) -> str:
        """The name known_hosts files use: host, or [host]:port when the port is not 22."""
        host = self.host_key_alias or self.hostname
        if self.port == 22 or self.host_key_alias:
            return host
        return f"[{host}]:{self.port}"

    def __repr__(self):
        return f"<SSHTarget {self.name} {self.user}@{self.hostname}:{self.port}>"


def _home() -> str:
    return os.path.expanduser("~")


def _read_config(path: str):
    """paramiko.SSHConfig for a file, with Host patterns lowercased (ssh matches them case-insensitively)."""
    import paramiko
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    out = []
    for line in lines:
        m = _HOST_LINE.match(line)
        out.append(m.group(1) + m.group(2).lower() if m else line)
    try:
        return paramiko.SSHConfig.from_text("\n".join(out))
    except Exception as exc:   # paramiko raises several types for bad files
        raise SSHConfigError(f"{path}: {exc}") from None


def _lookup(name: str) -> dict:
    """The merged options for a host: the user's file first, then the system file (first value wins)."""
    merged: dict[str, Any] = {}
    for path in (os.path.join(_home(), ".ssh", "config"), SYSTEM_CONFIG):
        cfg = _read_config(path)
        if cfg is None:
            continue
        try:
            values = cfg.lookup(name.lower())
        except Exception as exc:   # e.g. an unsupported Match keyword
            raise SSHConfigError(f"{path}: {exc}") from None
        explicit_host = "hostname" in values and values["hostname"] != name.lower()
        for key, value in values.items():
            if key == "hostname" and not explicit_host:
                continue
            if key == "identityfile":
                merged.setdefault(key, [])
                merged[key].extend(v for v in value if v not in merged[key])
            elif key not in merged:
                merged[key] = value
    return merged


def _split_files(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        items = []
        for v in value:
            items.extend(str(v).split())
        return items
    return str(value).split()


def _expand(path: str, target: SSHTarget) -> str:
    path = path.replace("%d", _home()).replace("%u", getpass_user()).replace("%h", target.hostname)
    path = path.replace("%r", target.user or getpass_user()).replace("%p", str(target.port))
    return os.path.expanduser(path)


def getpass_user() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no user name in the environment or passwd database
        return "root" if hasattr(os, "geteuid") and os.geteuid() == 0 else "user"


def _int(value, what: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise SSHConfigError(f"Bad {what} value '{value}'.") from None


def options_dict(options) -> dict:
    """-Options @{ Key = Value }: keys case-insensitive, values as ssh would read them."""
    out: dict[str, Any] = {}
    if options is None:
        return out
    items = options.items() if hasattr(options, "items") else []
    for key, value in items:
        from pslark.runtime.conversion import to_string
        k = to_string(key).strip().lower()
        if not k:
            continue
        if isinstance(value, bool):
            out[k] = "yes" if value else "no"
        elif isinstance(value, (list, tuple)):
            out[k] = [to_string(v) for v in value]
        else:
            out[k] = to_string(value)
    return out


def resolve(name: str, user: Optional[str] = None, port: Optional[int] = None, key_file: Optional[str] = None,
            options=None) -> SSHTarget:
    """The connection settings for `name`: -Options first, then ~/.ssh/config, then ssh's defaults;
    explicit -UserName / -Port / -KeyFilePath win over all of them."""
    target = SSHTarget(name)
    opts = options_dict(options)
    cfg = _lookup(name)
    merged = dict(cfg)
    for k, v in opts.items():      # -o values come before the files (first obtained value wins)
        if k == "identityfile":
            merged[k] = _split_files(v) + list(cfg.get(k, []))
        else:
            merged[k] = v
    target.hostname = str(merged.get("hostname") or name)
    if "port" in merged:
        target.port = _int(merged["port"], "port")
    if port:
        target.port = int(port)
    target.user = user or str(merged.get("user") or "") or getpass_user()
    files = [f for f in _split_files(merged.get("identityfile", []))]
    if key_file:
        target.explicit_key = os.path.abspath(os.path.expanduser(key_file))
        files = [target.explicit_key] + files
    if not files:
        files = list(DEFAULT_IDENTITY_FILES)
        target.default_identities = True
    target.identity_files = [_expand(f, target) for f in files]
    target.identities_only = str(merged.get("identitiesonly", "no")).lower() in _TRUE
    known = _split_files(merged.get("userknownhostsfile", " ".join(DEFAULT_KNOWN_HOSTS)))
    target.known_hosts_files = [_expand(f, target) for f in known if f.lower() != "none"]
    glob_known = _split_files(merged.get("globalknownhostsfile", " ".join(GLOBAL_KNOWN_HOSTS)))
    target.global_known_hosts = [_expand(f, target) for f in glob_known if f.lower() != "none"]
    strict = str(merged.get("stricthostkeychecking", "ask")).lower()
    target.strict = {"off": "no", "false": "no", "on": "yes", "true": "yes"}.get(strict, strict)
    if target.strict not in ("yes", "no", "ask", "accept-new"):
        raise SSHConfigError(f"unsupported option \"StrictHostKeyChecking\" value \"{strict}\".")
    target.hash_known_hosts = str(merged.get("hashknownhosts", "no")).lower() in _TRUE
    if merged.get("hostkeyalias"):
        target.host_key_alias = str(merged["hostkeyalias"])
    jump = merged.get("proxyjump")
    if jump and str(jump).lower() != "none":
        target.proxy_jump = str(jump)
    if merged.get("connecttimeout"):
        target.connect_timeout = float(_int(merged["connecttimeout"], "ConnectTimeout"))
    if merged.get("serveraliveinterval"):
        interval = _int(merged["serveraliveinterval"], "ServerAliveInterval")
        if interval > 0:
            target.alive_interval = float(interval)
    if merged.get("serveralivecountmax"):
        target.alive_count = max(1, _int(merged["serveralivecountmax"], "ServerAliveCountMax"))
    if merged.get("remotecommand") and str(merged["remotecommand"]).lower() != "none":
        target.remote_command = str(merged["remotecommand"])
    target.batch_mode = str(merged.get("batchmode", "no")).lower() in _TRUE
    target.password_authentication = str(merged.get("passwordauthentication", "yes")).lower() in _TRUE
    if merged.get("numberofpasswordprompts"):
        target.password_prompts = max(0, _int(merged["numberofpasswordprompts"], "NumberOfPasswordPrompts"))
    return target


def parse_host_name(value: str) -> tuple[str, Optional[str], Optional[int]]:
    """-HostName `user@host:port` (pwsh parses it as the URI ssh://value): (host, user, port)."""
    text = value.strip()
    user = None
    port = None
    if "@" in text:
        user, _, text = text.rpartition("@")
        user = user or None
    if text.startswith("["):
        end = text.find("]")
        if end > 0:
            host = text[1:end]
            rest = text[end + 1:]
            if rest.startswith(":") and rest[1:].isdigit():
                port = int(rest[1:])
            return host, user, port
    if text.count(":") == 1:
        host, _, p = text.partition(":")
        if p.isdigit():
            return host, user, int(p)
    return text, user, port
