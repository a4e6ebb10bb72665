"""pslark.grammar: the Lark grammar files (package data) and their loader."""
from __future__ import annotations

import functools
from importlib import resources

__all__ = ["grammar_text"]


@functools.lru_cache(maxsize=None)
def grammar_text(name: str = "pslark.lark") -> str:
    """The text of a grammar file shipped in this package."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
