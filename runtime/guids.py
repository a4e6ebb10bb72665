"""Instance ids (jobs, runspaces, hosts) without a system call per id.

uuid.uuid4() reads os.urandom, which releases the GIL: with busy job threads the caller then waits for the
GIL again on every Start-ThreadJob. These ids only need to be unique, so they come from a private generator
seeded from the OS (and reseeded in forked job workers, which must not repeat their parent's ids).
"""
from __future__ import annotations

import os
import random
import uuid

__all__ = ["new_guid"]

_rng = random.Random()


def _reseed() -> None:
    _rng.seed(os.urandom(32))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reseed)


def new_guid() -> uuid.UUID:
    """A random (version 4) GUID."""
    return uuid.UUID(int=_rng.getrandbits(128), version=4)
