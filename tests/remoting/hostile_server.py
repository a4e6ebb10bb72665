"""A misbehaving `pslark -sshs` for the robustness tests (sshd runs it as `Subsystem hostile-<mode> ...`).

Modes: big (a frame header announcing 100 MB), truncated (half a frame, then exit), garbage (a frame that is
not JSON), deep (JSON nested 200000 levels, to exhaust a recursive decoder), badversion (a hello of another protocol version), notpslark (an SSH banner instead of frames),
evil (well-formed frames full of hostile values: script text, fake errors, absurd nesting, unknown kinds),
silent (hello, then never a word again). Uses only the standard library.
"""
from __future__ import annotations

import json
import struct
import sys
import time


def frame(message) -> bytes:
    data = json.dumps(message).encode("utf-8")
    return struct.pack(">I", len(data)) + data


def hello(version: int = 1) -> dict:
    return {"type": "hello", "protocol": "pslark", "version": version,
            "runspace": "00000000-0000-0000-0000-000000000bad", "computer": "hostile", "caps": []}


def read_frame(stdin):
    header = stdin.read(4)
    if len(header) < 4:
        return None
    (n,) = struct.unpack(">I", header)
    return json.loads(stdin.read(n).decode("utf-8"))


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "evil"
    out = sys.stdout.buffer
    stdin = sys.stdin.buffer
    if mode == "notpslark":
        out.write(b"SSH-2.0-OpenSSH_9.2\r\nProtocol mismatch.\r\n")
        out.flush()
        return
    out.write(frame(hello(99 if mode == "badversion" else 1)))
    out.flush()
    if mode == "badversion":
        time.sleep(1)
        return
    message = read_frame(stdin)           # the client's invoke
    inv = message.get("id", 1) if isinstance(message, dict) else 1
    if mode == "big":
        out.write(struct.pack(">I", 100 * 1024 * 1024) + b"{")
        out.flush()
        time.sleep(2)
    elif mode == "truncated":
        data = json.dumps({"type": "output", "id": inv, "items": ["partial"]}).encode()
        out.write(struct.pack(">I", len(data)) + data[: len(data) // 2])
        out.flush()
    elif mode == "garbage":
        junk = b"\x00\xffnot json at all\x01"
        out.write(struct.pack(">I", len(junk)) + junk)
        out.flush()
        time.sleep(2)
    elif mode == "silent":
        time.sleep(120)
    elif mode == "deep":
        data = b'{"type":"output","id":1,"items":' + b"[" * 200000 + b"]" * 200000 + b"}"
        out.write(struct.pack(">I", len(data)) + data)
        out.flush()
        time.sleep(2)
    else:   # evil: everything well framed, nothing meaningful
        marker = sys.argv[2] if len(sys.argv) > 2 else "/tmp/pslark-hostile-marker"
        payload = f"$(New-Item -ItemType File -Path '{marker}')"
        nested: object = "bottom"
        for _ in range(100):          # within the frame's nesting limit, beyond the serializer's
            nested = {"$": "LST", "v": [nested]}
        msgs = [
            {"type": "state", "id": inv, "state": "Running"},
            {"type": "output", "id": inv, "items": [
                payload,
                {"$": "Obj", "tn": ["Deserialized.System.Management.Automation.ScriptBlock"], "p": [],
                 "s": payload},
                {"$": "Obj", "tn": [12, None, "Deserialized.System.Diagnostics.Process"],
                 "p": [["Name", payload], [3, "x"], ["Id", {"$": "I64", "v": "not a number"}]], "s": 7},
                {"$": "Eval", "v": payload},
                {"$": "DT", "v": "yesterday"},
                nested,
                {"$": "DCT", "v": [[payload, payload], [{"$": "LST", "v": []}, 1], "odd"]},
            ]},
            {"type": "output", "id": inv, "items": "not a list"},
            {"type": "stream", "id": inv, "stream": "error", "record": {"msg": payload, "fqid": 5, "types": "x",
                                                                           "inv": {"line": -4, "text": 9}}},
            {"type": "stream", "id": inv, "stream": "bogus", "record": {"message": payload}},
            {"type": "stream", "id": inv, "stream": "warning", "record": "not a dict"},
            {"type": "execute", "id": inv, "script": payload},
            {"type": "output", "id": 999, "items": ["for someone else"]},
            {"type": "output", "id": "1", "items": ["string id"]},
            {"type": "state", "id": inv, "state": "Failed", "reason": "not a dict"},
            {"type": "done", "id": inv, "state": "Exploded"},
        ]
        for m in msgs:
            out.write(frame(m))
        out.flush()
        while read_frame(stdin) is not None:
            pass


if __name__ == "__main__":
    main()
