"""PowerShell wildcard patterns (`*`, `?`, `[a-z]`, backtick escapes) compiled to Python regexes."""
from __future__ import annotations

import re
from functools import lru_cache

from pslark.runtime.errors import RuntimeException


class WildcardPatternException(RuntimeException):
    dotnet_type = "System.Management.Automation.WildcardPatternException"
    default_error_id = "RuntimeException"


def has_wildcard(s) -> bool:
    """WildcardPattern.ContainsWildcardCharacters: an unescaped `*`, `?` or `[`."""
    if not isinstance(s, str):
        return False
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "`":
            i += 2
            continue
        if c in "*?[":
            return True
        i += 1
    return False


def _translate(pattern: str) -> str:
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "`":
            if i + 1 < n:
                out.append(re.escape(pattern[i + 1]))
                i += 2
            else:
                out.append(re.escape("`"))   # a trailing backtick matches itself
                i += 1
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i + 1
            body = []
            closed = False
            while j < n:
                d = pattern[j]
                if d == "`" and j + 1 < n:
                    body.append("\\" + pattern[j + 1] if pattern[j + 1] in "\\]^-[" else pattern[j + 1])
                    j += 2
                    continue
                if d == "]" and body:
                    closed = True
                    break
                if d == "]" and not body:
                    closed = True
                    break
                body.append("\\" + d if d in "\\^[" else d)
                j += 1
            if not closed:
                raise WildcardPatternException(
                    f"The specified wildcard character pattern is not valid: {pattern}",
                    error_id="RuntimeException", category="InvalidArgument")
            if not body:
                raise WildcardPatternException(
                    f"The specified wildcard character pattern is not valid: {pattern}",
                    error_id="RuntimeException", category="InvalidArgument")
            out.append("[" + "".join(body) + "]")
            i = j + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def wildcard_to_regex(pattern: str, case_sensitive: bool = False) -> "re.Pattern":
    """Compile a wildcard pattern to a regex matching the whole string."""
    flags = re.DOTALL if case_sensitive else (re.DOTALL | re.IGNORECASE)
    try:
        return re.compile("(?:" + _translate(pattern) + r")\Z", flags)
    except re.error:
        raise WildcardPatternException(f"The specified wildcard character pattern is not valid: {pattern}",
                                       error_id="RuntimeException", category="InvalidArgument")


def wildcard_match(pattern: str, text: str, case_sensitive: bool = False) -> bool:
    return wildcard_to_regex(pattern, case_sensitive).match(text) is not None


def escape_wildcard(s: str) -> str:
    """WildcardPattern.Escape."""
    return "".join("`" + c if c in "*?[]`" else c for c in s)


def unescape_wildcard(s: str) -> str:
    out = []
    i = 0
    while i < len(s):
        if s[i] == "`" and i + 1 < len(s):
            out.append(s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)
