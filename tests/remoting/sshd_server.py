"""A real OpenSSH server for the remoting tests.

The `sshd` fixture starts `sshd -D` on a free loopback port with throw-away host and client keys, the
`Subsystem pslark <wrapper>` line (the wrapper runs this Python's `-m pslark.interpreter -sshs` and logs when
each server process starts and ends, so tests can see connections from the server side), AuthorizedKeysFile
pointing at a temp file, StrictModes no, UsePAM no, and PermitRootLogin for root. A temporary HOME holds
`~/.ssh/config` with the Host aliases the tests use (Server01..Server08 and a few broken ones).

tests/remoting/conftest.py turns this into the `sshd` fixture; benchmarks/remoting_throttle.py uses it too.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_pslark

SERVERS = [f"Server{i:02d}" for i in range(1, 9)]
HOSTILE = Path(__file__).with_name("hostile_server.py")
HOSTILE_MODES = ("big", "truncated", "garbage", "deep", "badversion", "notpslark", "evil", "silent")
SSHD_CANDIDATES = ("/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd", "/usr/bin/sshd")


def find_sshd() -> str | None:
    found = shutil.which("sshd")
    if found:
        return found
    for path in SSHD_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_key(path: Path, kind: str) -> str:
    """A passphrase-less private key in OpenSSH format; returns the public key line."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    if kind == "ed25519":
        key = ed25519.Ed25519PrivateKey.generate()
    elif kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    path.write_bytes(private)
    path.chmod(0o600)
    line = public.decode("ascii") + f" pslark-test-{kind}\n"
    Path(str(path) + ".pub").write_text(line)
    return line


class SSHServer:
    def __init__(self, base: Path, port: int, home: Path, log: Path, proc: subprocess.Popen, host_pub: str,
                 errlog=None):
        self.errlog = errlog
        self.base = base
        self.port = port
        self.home = home
        self.log = log
        self.proc = proc
        self.host_pub = host_pub

    @property
    def env(self) -> dict:
        env = {"HOME": str(self.home), "SSH_AUTH_SOCK": ""}
        return env

    def run(self, script: str, timeout: float = 90, **kw) -> subprocess.CompletedProcess:
        env = dict(self.env)
        env.update(kw.pop("env", {}) or {})
        return run_pslark(["-NoProfile", "-Command", script], env=env, timeout=timeout, cwd=str(self.base), **kw)

    def connections(self) -> list[tuple[str, int, float]]:
        """(event, pid, time) lines the wrapper logged: one 'start' and one 'end' per server process."""
        out = []
        if not self.log.exists():
            return out
        for line in self.log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3:
                out.append((parts[0], int(parts[1]), float(parts[2])))
        return out

    def clear_log(self) -> None:
        self.log.write_text("")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.errlog is not None:
            self.errlog.close()


def _wrapper(base: Path, log: Path) -> Path:
    """sshd's Subsystem line needs one executable: this runs pslark -sshs and logs its lifetime."""
    env_lines = ""
    if os.environ.get("PYTHONPATH"):
        env_lines = f"PYTHONPATH='{os.environ['PYTHONPATH']}'; export PYTHONPATH\n"
    script = base / "pslark-sshs"
    script.write_text(
        "#!/bin/sh\n"
        f"{env_lines}"
        f"echo \"start $$ $(date +%s.%N)\" >> '{log}'\n"
        f"'{sys.executable}' -m pslark.interpreter -sshs \"$@\"\n"
        "code=$?\n"
        f"echo \"end $$ $(date +%s.%N)\" >> '{log}'\n"
        "exit $code\n")
    script.chmod(0o755)
    # the exec fallback runs `pslark -sshs` through the login shell: put a `pslark` on a directory we control
    bindir = base / "bin"
    bindir.mkdir(exist_ok=True)
    pslark = bindir / "pslark"
    pslark.write_text(
        "#!/bin/sh\n"
        f"{env_lines}"
        f"exec '{sys.executable}' -m pslark.interpreter \"$@\"\n")
    pslark.chmod(0o755)
    return script


def _ssh_config(home: Path, port: int, user: str, closed_port: int) -> None:
    ssh = home / ".ssh"
    common = (f"    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
              f"    IdentityFile {ssh}/id_ed25519\n    UserKnownHostsFile {ssh}/known_hosts\n"
              f"    IdentitiesOnly yes\n")
    text = "# throw-away configuration written by tests/remoting/conftest.py\n"
    text += f"Host {' '.join(SERVERS)}\n{common}\n"
    text += (f"Host RsaHost\n    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_rsa\n    UserKnownHostsFile {ssh}/known_hosts\n    IdentitiesOnly yes\n\n")
    text += (f"Host EcdsaHost\n    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_ecdsa\n    UserKnownHostsFile {ssh}/known_hosts\n    IdentitiesOnly yes\n\n")
    text += (f"Host NewHost\n    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_ed25519\n    UserKnownHostsFile {ssh}/known_hosts_empty\n"
             f"    IdentitiesOnly yes\n\n")
    text += (f"Host ChangedHost\n    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_ed25519\n    UserKnownHostsFile {ssh}/known_hosts_changed\n"
             f"    IdentitiesOnly yes\n\n")
    text += (f"Host WrongKey\n    HostName 127.0.0.1\n    Port {port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_wrong\n    UserKnownHostsFile {ssh}/known_hosts\n    IdentitiesOnly yes\n\n")
    text += (f"Host DownHost\n    HostName 127.0.0.1\n    Port {closed_port}\n    User {user}\n"
             f"    IdentityFile {ssh}/id_ed25519\n    UserKnownHostsFile {ssh}/known_hosts\n"
             f"    IdentitiesOnly yes\n\n")
    text += (f"Host QuickAlive\n{common}    ServerAliveInterval 1\n    ServerAliveCountMax 2\n\n")
    text += (f"Host Jumped\n{common}    ProxyJump Server01\n\n")
    (ssh / "config").write_text(text)


def start_server(exe: str, base: Path) -> SSHServer:
    """Start sshd under `base` (keys, config, HOME); the caller stops it with server.stop()."""
    home = base / "home"
    ssh = home / ".ssh"
    ssh.mkdir(parents=True)
    ssh.chmod(0o700)
    host_pub = _write_key(base / "ssh_host_ed25519_key", "ed25519")
    other_host_pub = _write_key(base / "other_host_key", "ed25519")
    authorized = ""
    for kind in ("ed25519", "rsa", "ecdsa"):
        authorized += _write_key(ssh / f"id_{kind}", kind)
    _write_key(ssh / "id_wrong", "ed25519")          # never authorized
    (base / "authorized_keys").write_text(authorized)
    log = base / "connections.log"
    log.write_text("")
    wrapper = _wrapper(base, log)
    port = _free_port()
    closed_port = _free_port()
    import getpass
    user = getpass.getuser()
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    key_type, key_b64 = host_pub.split()[:2]
    (ssh / "known_hosts").write_text(f"[127.0.0.1]:{port} {key_type} {key_b64}\n")
    (ssh / "known_hosts_empty").write_text("")
    o_type, o_b64 = other_host_pub.split()[:2]
    (ssh / "known_hosts_changed").write_text(f"[127.0.0.1]:{port} {o_type} {o_b64}\n")
    _ssh_config(home, port, user, closed_port)
    config = base / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {base}/ssh_host_ed25519_key\nPidFile {base}/sshd.pid\n"
        f"AuthorizedKeysFile {base}/authorized_keys\nStrictModes no\nUsePAM no\n"
        f"PermitRootLogin {'prohibit-password' if is_root else 'no'}\nPasswordAuthentication no\n"
        f"KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nMaxStartups 100\nMaxSessions 50\n"
        f"SetEnv PATH={base}/bin:/usr/local/bin:/usr/bin:/bin\n"
        f"Subsystem pslark {wrapper}\nLogLevel ERROR\n"
        + "".join(f"Subsystem hostile-{mode} {sys.executable} {HOSTILE} {mode} {base}/pwned\n" for mode in HOSTILE_MODES))
    if is_root and not os.path.isdir("/run/sshd"):
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)    # sshd's privilege separation directory
    errlog = open(base / "sshd.log", "wb")
    proc = subprocess.Popen([exe, "-D", "-e", "-f", str(config)], stdout=errlog, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 15
    while True:
        if proc.poll() is not None:
            errlog.close()
            raise RuntimeError(f"sshd exited: {(base / 'sshd.log').read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("sshd did not start listening")
            time.sleep(0.05)
    return SSHServer(base, port, home, log, proc, host_pub, errlog)
