"""Worker processes for background jobs: forked from the zygote (fast) or spawned afresh (fallback).

Either way a worker is a pslark server speaking the job protocol over a pair of byte streams, in its own
process group, so that killing the group ends the worker and everything it started.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from typing import Optional

WORKER_ARGS = ["-m", "pslark.interpreter", "-s", "-NoLogo", "-NoProfile"]


class Worker:
    connection = None        # runtime.jobs.processjob.Connection
    pid: Optional[int] = None

    def kill(self) -> None:
        raise NotImplementedError

    def exit_detail(self, reason: str) -> str:
        return reason


class SpawnedWorker(Worker):
    """A fresh `python -m pslark.interpreter -s` (used where fork is not available)."""

    def __init__(self, location: str):
        env = dict(os.environ)
        env["PSLARK_WORKER"] = "1"
        self.proc = subprocess.Popen([sys.executable] + WORKER_ARGS, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=location if os.path.isdir(location) else None,
                                     env=env, start_new_session=True)
        self.pid = self.proc.pid
        self.stderr_lines: list[str] = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        from pslark.runtime.jobs.processjob import Connection
        self.connection = Connection(self.proc.stdout, self.proc.stdin, "localhost")

    def _drain_stderr(self) -> None:
        for raw in self.proc.stderr:
            if len(self.stderr_lines) < 200:
                self.stderr_lines.append(raw.decode("utf-8", errors="replace").rstrip())

    def kill(self) -> None:
        if self.proc.poll() is not None:
            return
        _kill_group(self.proc.pid)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def exit_detail(self, reason: str) -> str:
        try:
            self.proc.wait(2)
        except subprocess.TimeoutExpired:
            pass
        code = self.proc.poll()
        detail = f"the background process exited with code {code}" if code is not None else reason
        tail = "; ".join(self.stderr_lines[-3:])
        return f"{detail}: {tail}" if tail else detail


class ForkedWorker(Worker):
    """A worker forked by the zygote; it talks over a Unix socket."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        from pslark.runtime.jobs.processjob import Connection
        self.connection = Connection(sock.makefile("rb"), sock.makefile("wb"), "localhost")

    def kill(self) -> None:
        pid = self.connection.server_info.get("pid")
        if isinstance(pid, int) and pid > 1:
            _kill_group(pid)
        try:
            self.sock.close()
        except OSError:
            pass

    def exit_detail(self, reason: str) -> str:
        return "the background process exited unexpectedly"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (OSError, ProcessLookupError):
        try:
            os.kill(pid, signal.SIGKILL)
        except (OSError, ProcessLookupError):
            pass


class Zygote:
    """The process-wide fork server (started on first use; it exits when we do)."""

    _instance: Optional["Zygote"] = None
    _lock = threading.Lock()

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pslark-zygote-")
        self.path = os.path.join(self.dir, "socket")
        env = dict(os.environ)
        env["PSLARK_WORKER"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from pslark.interpreter.zygote import main; main()", self.path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True)
        self.ready = threading.Event()
        self.failed = False
        threading.Thread(target=self._wait_ready, daemon=True).start()

    def _wait_ready(self) -> None:
        line = self.proc.stdout.readline()
        if line.strip() != b"ready":
            self.failed = True
        self.ready.set()

    @classmethod
    def get(cls, start: bool = True) -> Optional["Zygote"]:
        with cls._lock:
            inst = cls._instance
            if inst is not None and inst.proc.poll() is not None:
                inst = cls._instance = None
            if inst is None and start:
                try:
                    inst = cls._instance = Zygote()
                except OSError:
                    return None
            return inst

    def spawn(self, timeout: float = 30.0) -> Optional[socket.socket]:
        if not self.ready.wait(timeout) or self.failed:
            return None
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(self.path)
            request = json.dumps({"env": dict(os.environ)}) + "\n"
            sock.sendall(request.encode("utf-8"))
        except OSError:
            sock.close()
            return None
        return sock


def prestart_zygote() -> None:
    """Start the fork server in the background (the compiler calls this when a script uses Start-Job)."""
    if _fork_available():
        threading.Thread(target=Zygote.get, daemon=True).start()


def _fork_available() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and not os.environ.get("PSLARK_NO_ZYGOTE")


def launch_worker(location: str) -> Worker:
    """A worker for one job: forked when possible, else spawned."""
    if _fork_available():
        zygote = Zygote.get()
        if zygote is not None:
            sock = zygote.spawn()
            if sock is not None:
                return ForkedWorker(sock)
    return SpawnedWorker(location)
