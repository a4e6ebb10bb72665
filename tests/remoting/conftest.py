"""The `sshd` fixture: OpenSSH's real server on a loopback port (see sshd_server.py for what it sets up).

Without sshd the tests are skipped, except under CI=true, where that is a failure.
"""
from __future__ import annotations

import os

import pytest

from tests.remoting.sshd_server import find_sshd, start_server


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    exe = find_sshd()
    if exe is None:
        message = "OpenSSH's sshd is not installed (apt-get install openssh-server)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; the remoting tests need it in CI", pytrace=False)
        pytest.skip(message)
    try:
        server = start_server(exe, tmp_path_factory.mktemp("sshd"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()
