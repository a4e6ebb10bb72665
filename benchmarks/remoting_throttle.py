"""Issue 5: remoting concurrency.

`Invoke-Command` to 8 host aliases of one loopback sshd with -ThrottleLimit 8, each running `Start-Sleep 1`,
against the same call to one host (whole pslark commands, median of alternating runs; target at most 1.75x).
The sshd, its keys and the temporary ~/.ssh/config come from tests/remoting/sshd_server.py (OpenSSH's sshd
must be installed).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from harness import compare, pslark  # noqa: E402

EIGHT = ", ".join(f"Server{i:02d}" for i in range(1, 9))
SUBJECT = f"Invoke-Command -ComputerName {EIGHT} -ThrottleLimit 8 {{ Start-Sleep 1 }}"
BASELINE = "Invoke-Command -ComputerName Server01 { Start-Sleep 1 }"


def main(runs: int = 5) -> float | None:
    from tests.remoting.sshd_server import find_sshd, start_server
    exe = find_sshd()
    if exe is None:
        print("remoting throttle: skipped (OpenSSH's sshd is not installed)")
        return None
    base = Path(tempfile.mkdtemp(prefix="pslark-bench-sshd-"))
    server = start_server(exe, base)
    saved = {k: os.environ.get(k) for k in ("HOME", "SSH_AUTH_SOCK")}
    os.environ["HOME"] = str(server.home)          # the ~/.ssh/config with Server01..Server08
    os.environ["SSH_AUTH_SOCK"] = ""
    try:
        return compare("Invoke-Command 8 hosts -ThrottleLimit 8 vs 1 host (Start-Sleep 1)", pslark(SUBJECT),
                       pslark(BASELINE), runs=runs, target=1.75)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        server.stop()


if __name__ == "__main__":
    main()
