"""The pslark message protocol: length-prefixed JSON frames, versioned and size-limited.

A frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON, one object with a
"type" key. The server speaks first (`hello` with the protocol name and version). The same protocol runs
over a worker's stdin/stdout (Start-Job, -ComputerName localhost) and over an SSH channel (remoting).

Client -> server: invoke {id, script, args, input, using, location, init, format, width}, stop {id}, close,
                  ping (remoting's keep-alive).
Server -> client: hello {..., caps}, output {id, items}, stream {id, stream, record, failure}, state {id, state,
                  reason}, done {id}, fatal {message}, pong. `failure: true` marks the error record of a terminating
                  error; the same record follows as the Failed state's reason.
`format: true` (Enter-PSSession) makes the server run Out-Default itself and send the text as host records.
"""
from __future__ import annotations

import json
import re
import struct
import threading
from typing import Any, Optional

PROTOCOL_NAME = "pslark"
PROTOCOL_VERSION = 1
MAX_FRAME = 16 * 1024 * 1024
MAX_DEPTH = 256            # JSON nesting a frame may have (a hostile peer must not exhaust the C stack)
_HEADER = struct.Struct(">I")
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class ProtocolError(Exception):
    """The peer sent something that is not a valid frame (too big, truncated, not JSON, wrong shape)."""


def encode_frame(message: dict) -> bytes:
    data = json.dumps(message, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(data) > MAX_FRAME:
        raise ProtocolError(f"message of {len(data)} bytes exceeds the frame limit of {MAX_FRAME} bytes")
    return _HEADER.pack(len(data)) + data


def _too_deep(data: bytes) -> bool:
    """Is the JSON nested deeper than MAX_DEPTH? (Checked before json.loads, which recurses in C.)"""
    if data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return False
    depth = 0
    for ch in _JSON_STRING.sub(b'""', data).translate(None, _NOT_BRACKETS):
        if ch == 91 or ch == 123:
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1
    return False


def decode_frame(data: bytes) -> dict:
    if _too_deep(data):
        raise ProtocolError(f"malformed message: nested deeper than {MAX_DEPTH} levels")
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ProtocolError(f"malformed message: {exc}") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("malformed message: not an object with a 'type'")
    return message


class FrameWriter:
    """Writes frames to a binary stream (thread-safe: streams from several threads share it)."""

    def __init__(self, stream):
        self.stream = stream
        self.lock = threading.Lock()
        self.closed = False

    def send(self, message: dict) -> None:
        frame = encode_frame(message)
        with self.lock:
            if self.closed:
                raise BrokenPipeError("channel closed")
            self.stream.write(frame)
            self.stream.flush()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            try:
                self.stream.close()
            except OSError:
                pass


class FrameReader:
    """Reads frames from a binary stream; `recv()` returns None at a clean end of stream."""

    def __init__(self, stream, max_frame: int = MAX_FRAME):
        self.stream = stream
        self.max_frame = max_frame

    def _read_exact(self, n: int) -> Optional[bytes]:
        chunks = []
        remaining = n
        while remaining:
            chunk = self.stream.read(remaining)
            if not chunk:
                if remaining == n and not chunks:
                    return None
                raise ProtocolError("the connection closed in the middle of a message")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def recv(self) -> Optional[dict]:
        header = self._read_exact(_HEADER.size)
        if header is None:
            return None
        (length,) = _HEADER.unpack(header)
        if length > self.max_frame:
            raise ProtocolError(f"message of {length} bytes exceeds the frame limit of {self.max_frame} bytes")
        data = self._read_exact(length) if length else b""
        if data is None:
            raise ProtocolError("the connection closed in the middle of a message")
        return decode_frame(data)


def hello(runspace_id: str, computer: str, pid: int = 0) -> dict:
    return {"type": "hello", "protocol": PROTOCOL_NAME, "version": PROTOCOL_VERSION, "runspace": runspace_id,
            "computer": computer, "pid": pid}


def check_hello(message: Optional[dict]) -> dict:
    """Validate the server's first message; raises ProtocolError with a clear reason."""
    if message is None:
        raise ProtocolError("the server closed the connection before it said hello")
    if message.get("type") != "hello" or message.get("protocol") != PROTOCOL_NAME:
        raise ProtocolError("the server did not answer with the pslark protocol")
    version = message.get("version")
    if not isinstance(version, int) or version != PROTOCOL_VERSION:
        raise ProtocolError(f"the server speaks pslark protocol version {version!r}; this client speaks "
                            f"{PROTOCOL_VERSION}")
    return message


def valid_id(message: dict) -> Optional[int]:
    value = message.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def text_field(message: dict, key: str, default: str = "") -> str:
    value = message.get(key)
    return value if isinstance(value, str) else default


def list_field(message: dict, key: str) -> list:
    value = message.get(key)
    return value if isinstance(value, list) else []


def any_field(message: dict, key: str) -> Any:
    return message.get(key)
