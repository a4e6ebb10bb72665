"""pslark's per-user cache directory (~/.cache/pslark, or a private temp dir): parser tables, cmdlet manifest."""
from __future__ import annotations

import os
import tempfile


def cache_dir() -> str:
    """A writable directory only this user can change, or '' when there is none."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = os.path.join(base, "pslark")
    try:
        os.makedirs(d, exist_ok=True)
        if os.access(d, os.W_OK):
            return d
    except OSError:
        pass
    # Fallback: a per-user directory in the temp dir, used only if it is ours and private (caches may be pickles).
    uid = os.getuid() if hasattr(os, "getuid") else None
    d = os.path.join(tempfile.gettempdir(), f"pslark-cache-{uid if uid is not None else 'user'}")
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
        st = os.stat(d)
        if uid is not None and (st.st_uid != uid or st.st_mode & 0o022):
            return ""
        return d
    except OSError:
        return ""
