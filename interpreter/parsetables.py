"""The LALR tables of grammar/pslark.lark, computed by Lark once and kept as a marshal file in the cache dir.

Lark is needed only to compute the tables (on the first run after the grammar changes); every later start-up
loads a small marshal file instead of importing Lark and unpickling its parser (about 40 ms, most of the
start-up budget). The file holds plain data: per state, terminal -> action (a state to shift to, or ~rule to
reduce), and per rule what Lark's tree builder would do with the children (which to drop, which `_rule`
results to splice in, whether a one-child `?rule` passes its child through, which callback to call), so the
callbacks behave exactly as Lark's inline transformer would.
"""
from __future__ import annotations

import functools
import marshal
import os
import zlib

__all__ = ["load_tables", "build_tables", "lark_parser", "FORMAT"]

FORMAT = 1          # bump when the layout of the data below changes
_START_RULES = ("start", "substart")


def lark_parser(text: str, **options):
    """Lark's LALR parser for the grammar, without a lexer of its own (tokens come from interpreter/lexer.py)."""
    from lark import Lark
    from lark.lexer import Lexer as LarkLexer

    class _NoLexer(LarkLexer):
        __future_interface__ = 1

        def __init__(self, lexer_conf):
            pass

        def lex(self, lexer_state, parser_state):  # pragma: no cover - never used
            return iter(())

    return Lark(text, parser="lalr", lexer=_NoLexer, start=list(_START_RULES), maybe_placeholders=False, **options)


def build_tables(text: str) -> dict:
    """Compute the tables with Lark (slow: imports Lark and runs its LALR analysis)."""
    from lark.parsers.lalr_analysis import Shift

    lark = lark_parser(text)
    table = lark.parser.parser.parser.parse_table
    rule_index: dict = {}
    rules = []
    for rule in lark.rules:
        expansion = rule.expansion
        name = rule.alias or rule.options.template_source or rule.origin.name
        include = None
        keep = [(i, (not sym.is_term) and sym.name.startswith("_")) for i, sym in enumerate(expansion)
                if rule.options.keep_all_tokens or not (sym.is_term and sym.filter_out)]
        if len(keep) < len(expansion) or any(splice for _, splice in keep):
            include = tuple(keep)
        expand1 = bool(rule.options.expand1 and not rule.alias)
        rule_index[rule] = len(rules)
        rules.append((str(rule.origin.name), len(expansion), str(name), expand1, include))
    states = {}
    for state, actions in table.states.items():
        row = {}
        for term, (action, arg) in actions.items():
            row[str(term)] = int(arg) if action is Shift else ~rule_index[arg]
        states[int(state)] = row
    starts = {s: (int(table.start_states[s]), int(table.end_states[s])) for s in _START_RULES}
    return {"format": FORMAT, "rules": rules, "states": states, "starts": starts}


def _cache_file(text: str) -> str:
    from pslark.runtime.cachedir import cache_dir
    d = cache_dir()
    if not d:
        return ""
    key = f"{zlib.crc32(text.encode('utf-8')):08x}{len(text):x}-{FORMAT}"
    return os.path.join(d, f"grammar-{key}.tables")


@functools.lru_cache(maxsize=None)
def load_tables() -> dict:
    """The tables for the shipped grammar: from the cache file, else built (and cached when possible)."""
    from pslark.grammar import grammar_text
    text = grammar_text()
    path = _cache_file(text)
    if path:
        try:
            with open(path, "rb") as f:
                data = marshal.load(f)
            if isinstance(data, dict) and data.get("format") == FORMAT:
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    data = build_tables(text)
    if path:
        _write(path, data)
    return data


def _write(path: str, data: dict) -> None:
    """Write atomically and drop the tables of older grammar versions."""
    d, name = os.path.split(path)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
        for other in os.listdir(d):
            if other.startswith("grammar-") and other != name and (
                    other.endswith(".tables") or other.endswith(".lark.cache")):
                os.remove(os.path.join(d, other))
    except (OSError, ValueError):
        try:
            os.remove(tmp)
        except OSError:
            pass
