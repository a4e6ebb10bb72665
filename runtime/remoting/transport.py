"""Links: one conversation with a pslark server, over SSH (paramiko) or with a local worker process.

A link owns a runtime.jobs.processjob.Connection (the framed protocol and its reader thread) and knows how to
end itself and how to describe a loss in pwsh's words. SSH links follow OpenSSH: ~/.ssh/config, keys from
IdentityFile / -KeyFilePath / ssh-agent / the default files, known_hosts checked (StrictHostKeyChecking), the
`pslark` subsystem or, where sshd has none, `pslark -sshs` executed (or RemoteCommand). Passwords are asked
only on a terminal, when no key works, and never kept or shown. A watchdog pings the server and declares it
gone when it stops answering (ServerAliveInterval x ServerAliveCountMax), so nothing hangs for ever.
"""
from __future__ import annotations

import atexit
import base64
import hashlib
import os
import socket
import sys
import threading
import time
import weakref
from typing import Callable, Optional

from pslark.runtime.remoting.sshconfig import SSHConfigError, SSHTarget, parse_host_name, resolve
from pslark.runtime.wire.protocol import ProtocolError

DEFAULT_SUBSYSTEM = "pslark"
FALLBACK_COMMAND = "pslark -sshs"
LOCAL_NAMES = ("localhost", ".")

# pwsh's texts (RemotingErrorIdStrings.resx)
SSH_ENDED = "The SSH client session has ended with error message: {0}"
SSH_ABRUPT = "The SSH transport process has abruptly terminated causing this remote session to break."
SSH_TIMEOUT = "SSH connection attempt failed after time out: {0} seconds."
KEY_FILE_NOT_FOUND = "The specified key file {0} was not found."
FATAL = "An error has occurred which PowerShell cannot handle. A remote session might have ended."
IPC_EXITED = "The background process closed or ended abnormally."
IPC_LAUNCH = "An error occurred while starting the background process. Error reported: {0}."


_LIVE: "weakref.WeakSet[Link]" = weakref.WeakSet()
_LIVE_LOCK = threading.Lock()


def _close_all() -> None:
    """At exit, end every link before Python stops its threads (a daemon thread killed inside the
    cryptography library aborts the whole process)."""
    with _LIVE_LOCK:
        links = list(_LIVE)
    for link in links:
        try:
            link.abort()
        except Exception:   # exiting anyway
            pass


atexit.register(_close_all)


class LinkError(Exception):
    """Opening a link failed; `message` is the text after `[computer] `."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_local_name(name: str) -> bool:
    """-ComputerName values that mean this machine (served by a local worker process, no SSH)."""
    key = name.strip().casefold()
    if key in LOCAL_NAMES:
        return True
    try:
        host = socket.gethostname().casefold()
    except OSError:
        return False
    return key == host or key == host.split(".")[0]


def display_name(name: str) -> str:
    """PSComputerName as pwsh shows it: '.' is localhost."""
    return "localhost" if name.strip() == "." else name


class ConnectSpec:
    """How to reach one computer, as the cmdlet parameters said (resolved when the link opens)."""

    def __init__(self, computer: str, local: bool = False, host: Optional[str] = None, user: Optional[str] = None,
                 port: Optional[int] = None, key_file: Optional[str] = None, options=None,
                 subsystem: Optional[str] = None, connecting_timeout: Optional[int] = None):
        self.computer = computer             # PSComputerName
        self.local = local
        self.host = host or computer         # what ~/.ssh/config is asked about
        self.user = user
        self.port = port
        self.key_file = key_file
        self.options = options
        self.subsystem = subsystem or DEFAULT_SUBSYSTEM
        self.connecting_timeout = connecting_timeout   # milliseconds, as pwsh; None or < 0: no limit


def open_link(spec: ConnectSpec, interactive: bool = False) -> "Link":
    """Connect, say hello, start the reader and the watchdog; raises LinkError with pwsh's message."""
    link: Link = LocalLink(spec) if spec.local else SSHLink(spec, interactive)
    try:
        link.open()
    except LinkError:
        link.abort()
        raise
    except Exception as exc:   # any library failure becomes a transport error for this host, never a traceback
        link.abort()
        raise LinkError(SSH_ENDED.format(f"{type(exc).__name__}: {exc}") if not spec.local
                        else IPC_LAUNCH.format(exc)) from None
    return link


# ------------------------------------------------------------------------------------------------

class _ActivityReader:
    """A byte stream that remembers when data last arrived (for the watchdog) and turns any failure into
    OSError, which the Connection reader understands."""

    def __init__(self, read: Callable[[int], bytes]):
        self._read = read
        self.last = time.monotonic()

    def read(self, n: int) -> bytes:
        try:
            data = self._read(n)
        except socket.timeout:
            raise
        except OSError:
            raise
        except Exception as exc:   # paramiko's SSHException, EOFError ...
            raise OSError(str(exc) or type(exc).__name__) from None
        self.last = time.monotonic()
        return data


class _ChannelWriter:
    def __init__(self, channel):
        self.channel = channel

    def write(self, data: bytes) -> None:
        try:
            self.channel.sendall(data)
        except OSError:
            raise
        except Exception as exc:   # paramiko's SSHException on a closed channel
            raise OSError(str(exc) or type(exc).__name__) from None

    def flush(self) -> None:
        pass

    def close(self) -> None:
        try:
            self.channel.shutdown_write()
        except Exception:   # already closed
            pass


class Link:
    """One conversation with a pslark server (see the module docstring)."""

    transport_name = "SSH"

    def __init__(self, spec: ConnectSpec):
        self.spec = spec
        self.computer = spec.computer
        self.connection = None
        self.reader: Optional[_ActivityReader] = None
        self.runspace_id: Optional[str] = None
        self.server_info: dict = {}
        self.dead_reason: Optional[str] = None
        self.closed = threading.Event()
        self.alive_interval = 15.0
        self.alive_count = 3
        self.on_lost: list[Callable[[str], None]] = []
        with _LIVE_LOCK:
            _LIVE.add(self)

    # ---- opening
    def open(self) -> None:
        raise NotImplementedError

    def _start(self) -> None:
        from pslark.runtime.jobs.processjob import Connection
        conn = self.connection
        assert isinstance(conn, Connection)
        conn.on_close = self._connection_closed
        self.runspace_id = self.server_info.get("runspace") if isinstance(self.server_info.get("runspace"),
                                                                          str) else None
        conn.start_reader()
        # every pslark server answers `ping`; one that does not is as good as gone
        threading.Thread(target=self._watchdog, name=f"pslark-alive-{self.computer}", daemon=True).start()

    def _connection_closed(self) -> None:
        self.closed.set()
        reason = self.connection.close_reason if self.connection is not None else None
        for cb in list(self.on_lost):
            try:
                cb(reason or "the connection was closed")
            except Exception:   # a listener must not break the reader thread
                pass

    def _watchdog(self) -> None:
        """Ping every ServerAliveInterval; no data for interval x count: the server is gone."""
        interval = self.alive_interval
        limit = interval * self.alive_count
        while not self.closed.wait(interval):
            silent = time.monotonic() - (self.reader.last if self.reader is not None else 0)
            if silent > limit:
                self.dead_reason = f"Timeout, server {self.computer} not responding."
                self.abort()
                return
            try:
                self.connection.writer.send({"type": "ping"})
            except (OSError, ProtocolError, BrokenPipeError, ValueError):
                return

    # ---- use
    @property
    def supports(self) -> set:
        caps = self.server_info.get("caps")
        return set(c for c in caps if isinstance(c, str)) if isinstance(caps, list) else set()

    def loss_message(self, reason: str) -> str:
        """pwsh's text for a conversation that ended under a running command."""
        if self.dead_reason:
            return SSH_ENDED.format(self.dead_reason)
        if reason.startswith("the server sent an invalid message"):
            return f"{FATAL} ({_capitalize(reason)}.)"
        return SSH_ENDED.format(SSH_ABRUPT)

    # ---- ending
    def close(self) -> None:
        """Say goodbye and wait (briefly) for the server to end, then drop the transport."""
        raise NotImplementedError

    def abort(self) -> None:
        """End at once (Stop-Job, Ctrl+C, a dead server)."""
        raise NotImplementedError


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------------------------
# local worker (-ComputerName localhost / . / this machine)

class LocalLink(Link):
    transport_name = "Process"

    def __init__(self, spec: ConnectSpec):
        super().__init__(spec)
        self.worker = None

    def open(self) -> None:
        from pslark.runtime.jobs.processjob import Connection
        from pslark.runtime.jobs.workers import launch_worker
        home = os.path.expanduser("~")
        try:
            worker = launch_worker(home)
        except OSError as exc:
            raise LinkError(IPC_LAUNCH.format(exc)) from None
        self.worker = worker
        conn = worker.connection
        # re-wrap its reader so the watchdog sees activity
        raw = conn.reader.stream
        self.reader = _ActivityReader(raw.read)
        conn.reader.stream = self.reader
        self.connection = conn
        try:
            self.server_info = conn.handshake()
        except (OSError, ProtocolError) as exc:
            raise LinkError(IPC_LAUNCH.format(exc)) from None
        self._start()
        # a remote session starts in the user's home directory (pwsh's SSH sessions do)
        self._prime(home)

    def _prime(self, home: str) -> None:
        done = threading.Event()

        class _Quiet:
            def on_message(self, message):
                if message.get("type") == "done":
                    done.set()

            def connection_lost(self, reason):
                done.set()
        try:
            self.connection.invoke(_Quiet(), {"script": "", "args": [], "using": {}, "location": home})
        except (OSError, ProtocolError, BrokenPipeError):
            return
        done.wait(10)

    def loss_message(self, reason: str) -> str:
        if self.dead_reason:
            return f"{IPC_EXITED} ({self.dead_reason})"
        if reason.startswith("the server sent an invalid message"):
            return f"{FATAL} ({_capitalize(reason)}.)"
        return IPC_EXITED

    def close(self) -> None:
        conn = self.connection
        if conn is not None and not self.closed.is_set():
            try:
                conn.close()
            except (OSError, ValueError):
                pass
            self.closed.wait(2)
        if self.worker is not None:
            self.worker.kill()

    def abort(self) -> None:
        if self.worker is not None:
            self.worker.kill()


# ------------------------------------------------------------------------------------------------
# SSH

_LOGGING_QUIET = False


def _quiet_paramiko() -> None:
    """paramiko logs transport errors (with tracebacks) through logging's last-resort handler: silence it."""
    global _LOGGING_QUIET
    if _LOGGING_QUIET:
        return
    import logging
    log = logging.getLogger("paramiko")
    log.addHandler(logging.NullHandler())
    log.propagate = False
    log.setLevel(logging.CRITICAL + 1)
    _LOGGING_QUIET = True


def fingerprint(key) -> str:
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def key_type_label(name: str) -> str:
    """ssh's short label: ED25519, RSA, ECDSA."""
    n = name.lower()
    if "ed25519" in n:
        return "ED25519"
    if "ecdsa" in n:
        return "ECDSA"
    if "rsa" in n:
        return "RSA"
    if "dss" in n:
        return "DSA"
    return name.upper()


class SSHLink(Link):
    transport_name = "SSH"

    def __init__(self, spec: ConnectSpec, interactive: bool = False):
        super().__init__(spec)
        self.interactive = interactive
        self.target: Optional[SSHTarget] = None
        self.transports: list = []
        self.channel = None
        self.mode = "subsystem"
        self.command = FALLBACK_COMMAND
        self.deadline: Optional[float] = None

    # ---- helpers
    def _remaining(self, default: Optional[float] = None) -> Optional[float]:
        if self.deadline is None:
            return default
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise LinkError(SSH_TIMEOUT.format(self.spec.connecting_timeout // 1000))
        return left if default is None else min(left, default)

    def open(self) -> None:
        _quiet_paramiko()
        spec = self.spec
        if spec.connecting_timeout is not None and spec.connecting_timeout >= 0:
            self.deadline = time.monotonic() + spec.connecting_timeout / 1000.0
        try:
            target = resolve(spec.host, spec.user, spec.port, spec.key_file, spec.options)
        except SSHConfigError as exc:
            raise LinkError(SSH_ENDED.format(str(exc))) from None
        self.target = target
        self.alive_interval = target.alive_interval
        self.alive_count = target.alive_count
        if target.explicit_key and not os.path.isfile(target.explicit_key):
            raise LinkError(KEY_FILE_NOT_FOUND.format(target.explicit_key))
        sock = self._route(target)
        transport = self._handshake(target, sock)
        self._open_channel(transport, target)
        self._hello()
        self._start()

    def _route(self, target: SSHTarget):
        """A socket to the target, directly or through the ProxyJump hosts."""
        if not target.proxy_jump:
            return self._tcp(target)
        hops = [h.strip() for h in target.proxy_jump.split(",") if h.strip()]
        sock = None
        for i, hop in enumerate(hops):
            host, user, port = parse_host_name(hop)
            try:
                hop_target = resolve(host, user, port)
            except SSHConfigError as exc:
                raise LinkError(SSH_ENDED.format(str(exc))) from None
            hop_target.proxy_jump = None
            if sock is None:
                sock = self._tcp(hop_target)
            transport = self._handshake(hop_target, sock)
            nxt = hops[i + 1] if i + 1 < len(hops) else None
            if nxt is not None:
                n_host, _u, n_port = parse_host_name(nxt)
                n_target = resolve(n_host, None, n_port)
                dest = (n_target.hostname, n_target.port)
            else:
                dest = (target.hostname, target.port)
            try:
                sock = transport.open_channel("direct-tcpip", dest, ("127.0.0.1", 0), timeout=self._remaining(30))
            except Exception as exc:   # paramiko's ChannelException / SSHException
                raise LinkError(SSH_ENDED.format(
                    f"channel 0: open failed: connect to {dest[0]} port {dest[1]} via {hop_target.name}: "
                    f"{exc}")) from None
        return sock

    def _tcp(self, target: SSHTarget):
        timeout = self._remaining(target.connect_timeout)
        try:
            return socket.create_connection((target.hostname, target.port), timeout=timeout)
        except socket.gaierror as exc:
            raise LinkError(SSH_ENDED.format(
                f"ssh: Could not resolve hostname {target.hostname}: {exc.strerror or exc}")) from None
        except socket.timeout:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                raise LinkError(SSH_TIMEOUT.format(self.spec.connecting_timeout // 1000)) from None
            raise LinkError(SSH_ENDED.format(
                f"ssh: connect to host {target.hostname} port {target.port}: Connection timed out")) from None
        except OSError as exc:
            raise LinkError(SSH_ENDED.format(
                f"ssh: connect to host {target.hostname} port {target.port}: {exc.strerror or exc}")) from None

    def _handshake(self, target: SSHTarget, sock):
        import paramiko
        try:
            transport = paramiko.Transport(sock)
        except Exception as exc:   # the socket failed under us
            raise LinkError(SSH_ENDED.format(f"ssh: {exc}")) from None
        self.transports.append(transport)
        known = self._known_hosts(target)
        entry = known.lookup(target.known_host_name) if known is not None else None
        if entry:
            self._prefer(transport, list(entry.keys()))
        done = threading.Event()
        try:
            transport.start_client(event=done)          # returns at once; `done` is set when kex ends
        except Exception as exc:   # the socket failed under us
            raise LinkError(SSH_ENDED.format(f"ssh: {exc}")) from None
        finished = done.wait(self._remaining(60))
        if not finished or not transport.is_active():
            if self.deadline is not None and time.monotonic() >= self.deadline - 0.01:
                raise LinkError(SSH_TIMEOUT.format(self.spec.connecting_timeout // 1000))
            if not finished:
                raise LinkError(SSH_ENDED.format(
                    f"ssh: Connection timed out during banner exchange with {target.hostname} port {target.port}"))
            exc = transport.get_exception()
            text = (str(exc) or type(exc).__name__) if exc is not None else "Connection closed"
            raise LinkError(SSH_ENDED.format(
                f"ssh: Connection to {target.hostname} port {target.port}: {text}"))
        self._check_host_key(target, transport, known, entry)
        self._authenticate(target, transport)
        return transport

    # ---- known_hosts
    def _known_hosts(self, target: SSHTarget):
        import paramiko
        keys = paramiko.HostKeys()
        for path in target.known_hosts_files + target.global_known_hosts:
            if os.path.isfile(path):
                try:
                    keys.load(path)
                except Exception:   # an unreadable or malformed file counts as empty, as ssh treats it
                    continue
        return keys

    @staticmethod
    def _prefer(transport, known_types: list) -> None:
        """Ask for the host key types we already know first, as OpenSSH does."""
        opts = transport.get_security_options()
        available = list(opts.key_types)
        wanted = []
        for kt in known_types:
            if kt == "ssh-rsa":
                wanted += [a for a in ("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa") if a in available]
            elif kt in available:
                wanted.append(kt)
        if wanted:
            try:
                opts.key_types = tuple(wanted + [a for a in available if a not in wanted])
            except (ValueError, TypeError):
                pass

    def _check_host_key(self, target: SSHTarget, transport, known, entry) -> None:
        key = transport.get_remote_server_key()
        ktype = key.get_name()
        name = target.known_host_name
        label = key_type_label(ktype)
        fp = fingerprint(key)
        if entry and ktype in entry:
            if entry[ktype] == key:
                return
            where = self._file_with(target, name) or (target.known_hosts_files or ["known_hosts"])[0]
            if target.strict == "no":
                sys.stderr.write(f"Warning: the {label} host key for '{name}' has changed ({fp}); "
                                 f"continuing because StrictHostKeyChecking is 'no'.\n")
                return
            raise LinkError(SSH_ENDED.format(
                f"Host key verification failed: the {label} host key for '{name}' has changed (it is now {fp}; "
                f"the old key is in {where}). Someone could be eavesdropping on you (a man-in-the-middle attack), "
                f"or the host key has just been changed. If the change is expected, remove the old key with "
                f"ssh-keygen -R '{name}'."))
        if target.strict in ("accept-new", "no"):
            self._add_known_host(target, name, key, label)
            return
        raise LinkError(SSH_ENDED.format(
            f"Host key verification failed: no {label} host key is known for '{name}' (its fingerprint is {fp}) "
            f"and strict checking is in effect. Add the key to {self._first_known_file(target)}, or accept new "
            f"host keys with -Options @{{ StrictHostKeyChecking = 'accept-new' }} or "
            f"'StrictHostKeyChecking accept-new' in ~/.ssh/config."))

    def _first_known_file(self, target: SSHTarget) -> str:
        return target.known_hosts_files[0] if target.known_hosts_files else "~/.ssh/known_hosts"

    def _file_with(self, target: SSHTarget, name: str) -> Optional[str]:
        import paramiko
        for path in target.known_hosts_files + target.global_known_hosts:
            if not os.path.isfile(path):
                continue
            keys = paramiko.HostKeys()
            try:
                keys.load(path)
            except Exception:   # skip unreadable files
                continue
            if keys.lookup(name):
                return path
        return None

    def _add_known_host(self, target: SSHTarget, name: str, key, label: str) -> None:
        import paramiko
        if not target.known_hosts_files:
            return
        path = target.known_hosts_files[0]
        host_field = paramiko.HostKeys.hash_host(name) if target.hash_known_hosts else name
        line = f"{host_field} {key.get_name()} {key.get_base64()}\n"
        try:
            os.makedirs(os.path.dirname(path) or ".", mode=0o700, exist_ok=True)
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(line)
            sys.stderr.write(f"Warning: Permanently added '{name}' ({label}) to the list of known hosts.\n")
        except OSError as exc:
            sys.stderr.write(f"Failed to add the host to the list of known hosts ({path}): {exc.strerror}\n")

    # ---- authentication
    def _authenticate(self, target: SSHTarget, transport) -> None:
        import paramiko
        user = target.user
        try:
            transport.auth_none(user)
            if transport.is_authenticated():
                return
            allowed = ["publickey", "password"]
        except paramiko.BadAuthenticationType as exc:
            allowed = list(exc.allowed_types or [])
        except paramiko.AuthenticationException:
            allowed = ["publickey", "password"]
        except Exception as exc:   # the connection broke during authentication
            raise LinkError(SSH_ENDED.format(f"ssh: {exc}")) from None
        if "publickey" in allowed:
            seen = set()
            for key in self._keys(target):
                try:
                    ident = key.asbytes()
                except Exception:   # a key paramiko cannot serialize is skipped
                    continue
                if ident in seen:
                    continue
                seen.add(ident)
                try:
                    rest = transport.auth_publickey(user, key)
                except paramiko.AuthenticationException:
                    continue
                except Exception as exc:   # connection lost while authenticating
                    raise LinkError(SSH_ENDED.format(f"ssh: {exc}")) from None
                if transport.is_authenticated():
                    return
                if rest:
                    allowed = list(rest)
        if self._can_prompt(target):
            if "password" in allowed or "keyboard-interactive" in allowed:
                if self._password(target, transport, allowed):
                    return
        raise LinkError(SSH_ENDED.format(f"{user}@{target.hostname}: Permission denied ({','.join(allowed)})."))

    def _can_prompt(self, target: SSHTarget) -> bool:
        if not self.interactive or target.batch_mode or not target.password_authentication:
            return False
        try:
            return os.isatty(0) and os.path.exists("/dev/tty")
        except OSError:
            return False

    def _password(self, target: SSHTarget, transport, allowed: list) -> bool:
        """Ask on the terminal (never echoed, never stored beyond this call, never in an error)."""
        import getpass
        import paramiko
        user = target.user
        for _ in range(target.password_prompts):
            try:
                secret = getpass.getpass(f"{user}@{target.hostname}'s password: ")
            except (EOFError, KeyboardInterrupt, OSError):
                return False
            try:
                if "password" in allowed:
                    transport.auth_password(user, secret)
                else:
                    def handler(title, instructions, prompts, _s=secret):
                        return [_s if not echo else "" for (_p, echo) in prompts]
                    transport.auth_interactive(user, handler)
            except paramiko.AuthenticationException:
                sys.stderr.write("Permission denied, please try again.\n")
                continue
            except Exception:   # the connection broke: report it as a refused login
                return False
            finally:
                secret = None
            if transport.is_authenticated():
                return True
        return False

    def _keys(self, target: SSHTarget):
        """Private keys in ssh's order: configured files (or the agent first for the default files)."""
        agent_first = getattr(target, "default_identities", False)
        if agent_first and not target.identities_only:
            yield from self._agent_keys()
        for path in target.identity_files:
            key = self._load_key(target, path)
            if key is not None:
                yield key
        if not agent_first and not target.identities_only:
            yield from self._agent_keys()

    def _agent_keys(self):
        if not os.environ.get("SSH_AUTH_SOCK"):
            return
        import paramiko
        try:
            agent = paramiko.Agent()
            keys = list(agent.get_keys())
        except Exception:   # no agent, or it does not answer
            return
        yield from keys

    def _load_key(self, target: SSHTarget, path: str):
        import paramiko
        if not os.path.isfile(path):
            return None
        try:
            return paramiko.PKey.from_path(path)
        except paramiko.PasswordRequiredException:
            if not self._can_prompt(target):
                return None
            import getpass
            try:
                phrase = getpass.getpass(f"Enter passphrase for key '{path}': ")
            except (EOFError, KeyboardInterrupt, OSError):
                return None
            try:
                return paramiko.PKey.from_path(path, passphrase=phrase)
            except Exception:   # a wrong passphrase: skip the key, as ssh does after its prompts
                return None
            finally:
                phrase = None
        except Exception:   # not a key paramiko can read (a .pub file, an unsupported type)
            return None

    # ---- the pslark channel
    def _open_channel(self, transport, target: SSHTarget) -> None:
        import paramiko
        subsystem = self.spec.subsystem
        try:
            channel = transport.open_session(timeout=self._remaining(30))
        except LinkError:
            raise
        except Exception as exc:
            raise LinkError(SSH_ENDED.format(f"channel 0: open failed: {exc}")) from None
        try:
            channel.invoke_subsystem(subsystem)
            self.mode = "subsystem"
        except paramiko.SSHException:
            try:
                channel.close()
            except Exception:   # already closed by the server
                pass
            command = target.remote_command or FALLBACK_COMMAND
            try:
                channel = transport.open_session(timeout=self._remaining(30))
                channel.exec_command(command)
            except LinkError:
                raise
            except Exception as exc:
                raise LinkError(SSH_ENDED.format(
                    f"subsystem request failed on channel 0, and running '{command}' failed: {exc}")) from None
            self.mode = "exec"
            self.command = command
        self.channel = channel

    def _hello(self) -> None:
        from pslark.runtime.jobs.processjob import Connection
        channel = self.channel
        self.reader = _ActivityReader(channel.recv)
        conn = Connection(self.reader, _ChannelWriter(channel), self.computer)
        self.connection = conn
        timeout = self._remaining(self.alive_interval * self.alive_count)
        channel.settimeout(timeout)
        try:
            self.server_info = conn.handshake()
        except socket.timeout:
            if self.deadline is not None:
                raise LinkError(SSH_TIMEOUT.format(self.spec.connecting_timeout // 1000)) from None
            raise LinkError(SSH_ENDED.format(
                f"the pslark server on {self.target.hostname} did not answer within {int(timeout)} seconds")) from None
        except ProtocolError as exc:
            raise LinkError(self._no_server(str(exc), eof="before it said hello" in str(exc))) from None
        except OSError as exc:
            raise LinkError(self._no_server(str(exc), eof=True)) from None
        channel.settimeout(None)

    def _no_server(self, problem: str, eof: bool) -> str:
        """The channel opened but no pslark server answered: say what ran and what it said."""
        channel = self.channel
        what = (f"'{self.command}' (run because the host has no '{self.spec.subsystem}' subsystem)"
                if self.mode == "exec" else f"the '{self.spec.subsystem}' subsystem")
        if not eof:
            return f"{FATAL} ({_capitalize(what)} on {self.target.hostname} did not answer with the pslark " \
                   f"protocol: {problem}.)"
        status = None
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            if channel.exit_status_ready():
                status = channel.recv_exit_status()
                break
            time.sleep(0.02)
        err = b""
        try:
            while channel.recv_stderr_ready() and len(err) < 4096:
                err += channel.recv_stderr(4096)
        except Exception:   # nothing more to read
            pass
        lines = [ln for ln in err.decode("utf-8", "replace").strip().splitlines() if ln.strip()]
        detail = f"{what} on {self.target.hostname} ended before a pslark server answered"
        if status is not None and status >= 0:
            detail += f" (exit status {status})"
        if lines:
            detail += f": {lines[-1][:300]}"
        return SSH_ENDED.format(detail)

    def loss_message(self, reason: str) -> str:
        message = super().loss_message(reason)
        channel = self.channel
        if self.dead_reason or channel is None or reason.startswith("the server sent an invalid message"):
            return message
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline and not channel.exit_status_ready():
            time.sleep(0.02)
        if channel.exit_status_ready():
            status = channel.recv_exit_status()
            if status >= 0:
                message += f" (The pslark server on {self.target.hostname} exited with status {status}.)"
        return message

    # ---- ending
    def close(self) -> None:
        conn = self.connection
        channel = self.channel
        if conn is not None and not self.closed.is_set():
            try:
                conn.close()
            except (OSError, ValueError):
                pass
        if channel is not None:
            deadline = time.monotonic() + 2.0
            while time.monotonic() < deadline and not channel.exit_status_ready() and not channel.closed:
                time.sleep(0.005)
        self.abort()

    def abort(self) -> None:
        for transport in reversed(self.transports):
            try:
                transport.close()
            except Exception:   # closing twice, or a broken socket
                pass
