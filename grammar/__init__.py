"""pslark.grammar: the Lark grammar files (package data) and their loader."""
from __future__ import annotations

import functools
import os

__all__ = ["grammar_text"]


@functools.lru_cache(maxsize=None)
def grammar_text(name: str = "pslark.lark") -> str:
    """The text of a grammar file shipped in this package (read beside this module: importing
    importlib.resources would cost start-up time; it serves only installs where the file is not on disk)."""
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), encoding="utf-8") as f:
            return f.read()
    except OSError:
        from importlib import resources
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
