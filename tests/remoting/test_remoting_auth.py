"""Authentication paths: keys from ssh-agent (with the real sshd), and passwords, which pslark asks for only on
a terminal and only when no key works. sshd cannot check a password without the account's real one, so the
password tests use a small paramiko server that accepts one made-up password and serves the pslark subsystem
by running `pslark -sshs` for each channel."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading

import pytest

from tests.conftest import pslark_env, run_pslark

PASSWORD = "s3cret-Pa55"


# ------------------------------------------------------------------------------------------------
# ssh-agent

def test_key_from_ssh_agent(sshd, tmp_path):
    agent = shutil.which("ssh-agent")
    add = shutil.which("ssh-add")
    if not agent or not add:
        pytest.skip("ssh-agent / ssh-add are not installed")
    sock = tmp_path / "agent.sock"
    proc = subprocess.Popen([agent, "-D", "-a", str(sock)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if sock.exists():
                break
            __import__("time").sleep(0.05)
        env = dict(os.environ, SSH_AUTH_SOCK=str(sock))
        subprocess.run([add, str(sshd.home / ".ssh" / "id_ecdsa")], env=env, check=True, capture_output=True)
        known = sshd.home / ".ssh" / "known_hosts"
        missing = tmp_path / "no-such-key"          # the only IdentityFile: the key must come from the agent
        r = sshd.run(f"Invoke-Command -HostName 127.0.0.1 -Port {sshd.port} "
                     f"-Options @{{ UserKnownHostsFile = '{known}'; IdentityFile = '{missing}' }} {{ 'agent key' }}",
                     env={"SSH_AUTH_SOCK": str(sock)})
        assert r.stdout.splitlines() == ["agent key"], r.stderr
    finally:
        proc.terminate()
        proc.wait(5)


# ------------------------------------------------------------------------------------------------
# passwords

class _PasswordServer:
    """An SSH server (paramiko) that knows one user and one password and runs `pslark -sshs` per channel."""

    def __init__(self):
        import paramiko
        self.host_key = paramiko.RSAKey.generate(2048)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.attempts: list[str] = []
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        import paramiko
        server = self

        class Iface(paramiko.ServerInterface):
            def get_allowed_auths(self, username):
                return "password"

            def check_auth_password(self, username, password):
                server.attempts.append(password)
                ok = username == "tester" and password == PASSWORD
                return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

            def check_channel_request(self, kind, chanid):
                return paramiko.OPEN_SUCCEEDED if kind == "session" else \
                    paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

            def check_channel_subsystem_request(self, channel, name):
                if name != "pslark":
                    return False
                threading.Thread(target=_pump, args=(channel,), daemon=True).start()
                return True

        transport = paramiko.Transport(conn)
        transport.add_server_key(self.host_key)
        try:
            transport.start_server(server=Iface())
        except Exception:   # a client that gave up
            return

    def close(self):
        self.stop.set()
        self.listener.close()


def _pump(channel):
    proc = subprocess.Popen([sys.executable, "-m", "pslark.interpreter", "-sshs"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def upstream():
        try:
            while True:
                data = channel.recv(65536)
                if not data:
                    break
                proc.stdin.write(data)
                proc.stdin.flush()
        except OSError:
            pass
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass
    threading.Thread(target=upstream, daemon=True).start()
    while True:
        data = proc.stdout.read1(65536)
        if not data:
            break
        channel.sendall(data)
    proc.wait()
    channel.send_exit_status(proc.returncode)
    channel.close()


@pytest.fixture(scope="module")
def password_server(tmp_path_factory):
    pytest.importorskip("paramiko")
    server = _PasswordServer()
    home = tmp_path_factory.mktemp("pwhome")
    (home / ".ssh").mkdir()
    key = server.host_key
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{server.port} {key.get_name()} {key.get_base64()}\n")
    server.home = home
    yield server
    server.close()


def _script(server) -> str:
    return (f"Invoke-Command -HostName tester@127.0.0.1:{server.port} {{ 'password accepted' }}; 'after'")


def test_no_password_prompt_when_not_interactive(password_server):
    r = run_pslark(["-NoProfile", "-Command", _script(password_server)],
                   env={"HOME": str(password_server.home), "SSH_AUTH_SOCK": ""})
    assert r.stdout.splitlines() == ["after"]
    assert r.stderr.strip() == (f"OpenError: [127.0.0.1] The SSH client session has ended with error message: "
                                f"tester@127.0.0.1: Permission denied (password).")
    assert password_server.attempts == []


def test_password_is_asked_on_a_terminal_and_never_shown(password_server):
    pexpect = pytest.importorskip("pexpect")
    env = pslark_env({"HOME": str(password_server.home), "SSH_AUTH_SOCK": "", "TERM": "dumb"})
    child = pexpect.spawn(sys.executable, ["-m", "pslark.interpreter", "-NoProfile", "-NoLogo"], env=env,
                          encoding="utf-8", timeout=30)
    transcript = []
    child.logfile_read = type("Log", (), {"write": lambda self, s: transcript.append(s), "flush": lambda self: None})()
    try:
        child.expect(r"PS [^\r\n]*> ")
        child.sendline(_script(password_server))
        child.expect("tester@127.0.0.1's password: ")
        child.sendline("wrong-one")
        child.expect("Permission denied, please try again.")
        child.expect("tester@127.0.0.1's password: ")
        child.sendline(PASSWORD)
        child.expect("password accepted")
        child.expect("after")
        child.expect(r"PS [^\r\n]*> ")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    shown = "".join(transcript)
    assert PASSWORD not in shown and "wrong-one" not in shown
    assert password_server.attempts[-2:] == ["wrong-one", PASSWORD]
