"""The interactive session on a terminal: a prompt_toolkit line editor in front of the engine.

pwsh with PSReadLine is the model: `PS /path> ` (or the user's `prompt` function), `>> ` continuation lines
while the parser says the input is incomplete, history kept across sessions (Up/Down, Ctrl+R), PSReadLine's
colours, Tab completion from interpreter.completion, predictions from history (Right arrow accepts), Ctrl+C
clears the line, Ctrl+D on an empty line or `exit` leaves. Commands run between prompts, so Ctrl+C during
a command reaches the CLI's main thread, which stops the pipeline through the runspace's stop_event.
"""
from __future__ import annotations

import os
import sys

from pslark.interpreter.simple_repl import banner_text, load_profile, prompt_text, run_input

# PSReadLine's default colours, on pygments token types
STYLE = {
    "pygments.comment": "ansigreen",
    "pygments.keyword": "ansibrightgreen",
    "pygments.name.builtin": "ansibrightyellow",
    "pygments.name.function": "ansibrightyellow",
    "pygments.name.variable": "ansibrightgreen",
    "pygments.name.attribute": "ansibrightblack",
    "pygments.literal.string": "ansicyan",
    "pygments.literal.number": "ansiwhite",
    "pygments.operator": "ansibrightblack",
    "pygments.punctuation": "",
    "auto-suggestion": "ansibrightblack",
}


def history_path() -> str:
    """$XDG_DATA_HOME/pslark/history (~/.local/share/pslark/history)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "pslark", "history")


def _lexer():
    from pygments.lexers.shell import PowerShellLexer
    from pygments.token import Keyword, Name, Number, Operator

    class PslarkPowerShellLexer(PowerShellLexer):
        """pygments' PowerShell lexer with two fixes: `ForEach-Object` is one command name (pygments splits it
        after the keyword `ForEach`), and numbers are numbers."""

        def get_tokens_unprocessed(self, text):
            pending = None
            for index, token, value in super().get_tokens_unprocessed(text):
                if pending is not None:
                    p_index, p_token, p_value = pending
                    if token in Name and value.startswith("-") and p_index + len(p_value) == index:
                        yield p_index, Name.Builtin, p_value + value
                        pending = None
                        continue
                    yield pending
                    pending = None
                if token in Keyword and value[:1].isalpha() and value.isalpha():
                    pending = (index, token, value)
                    continue
                if token is Name and value.startswith("-") and len(value) > 1 and value[1:2].isalpha():
                    token = Name.Attribute
                elif token is Name and value[:1].isdigit():
                    token = Number
                elif token is Name and value.startswith("-") and value[1:].isalpha():
                    token = Operator
                yield index, token, value
            if pending is not None:
                yield pending

    return PslarkPowerShellLexer


class SessionFailed(Exception):
    """The line editor itself failed (not a command): the caller falls back to the plain loop."""


def run_session(engine, ctx, opts) -> int:
    try:
        session = _make_session(ctx)
    except Exception as exc:   # prompt_toolkit cannot drive this terminal
        raise SessionFailed(f"{type(exc).__name__}: {exc}") from exc
    if not opts.no_logo:
        ctx.host.write_out(banner_text(ctx))
    if not opts.no_profile:
        load_profile(engine, ctx)
    failures = 0
    while True:
        try:
            message = prompt_text(engine, ctx)
        except Exception:   # a broken prompt function: pwsh falls back to "PS>"
            message = "PS> "
        try:
            text = session.prompt(_ansi(message))
            failures = 0
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        except Exception as exc:   # the editor broke mid-session: hand over to the plain loop
            failures += 1
            if failures > 2:
                opts.no_logo = opts.no_profile = True
                raise SessionFailed(f"{type(exc).__name__}: {exc}") from exc
            continue
        if not text.strip():
            continue
        result = run_input(engine, ctx, text)
        if result.exited:
            return result.exit_code


def _ansi(text: str):
    from prompt_toolkit.formatted_text import ANSI
    return ANSI(text)


def _make_session(ctx):
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.enums import DEFAULT_BUFFER
    from prompt_toolkit.filters import has_focus
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.lexers import PygmentsLexer
    from prompt_toolkit.shortcuts import CompleteStyle
    from prompt_toolkit.styles import Style

    from pslark.interpreter.parser import is_incomplete
    from pslark.interpreter.repl.completer import PslarkCompleter

    path = history_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        history = FileHistory(path)
    except OSError:
        history = InMemoryHistory()

    kb = KeyBindings()
    editing = has_focus(DEFAULT_BUFFER)      # not while Ctrl+R searches: Enter then ends the search

    @kb.add("enter", filter=editing)
    def _enter(event):
        buf = event.current_buffer
        state = buf.complete_state
        if state is not None and state.current_completion is not None:
            buf.apply_completion(state.current_completion)
            return
        buf.complete_state = None
        text = buf.text
        try:
            incomplete = bool(text.strip()) and is_incomplete(text)
        except Exception:   # a parser problem must not lock the prompt: run it and let the error show
            incomplete = False
        if incomplete:
            buf.insert_text("\n")
        else:
            buf.validate_and_handle()

    @kb.add("escape", "enter", filter=editing)
    def _newline(event):
        event.current_buffer.insert_text("\n")

    def continuation(width, line_number, is_soft_wrap):
        return "" if is_soft_wrap else ">> "

    session = PromptSession(
        history=history, multiline=True, key_bindings=kb, prompt_continuation=continuation,
        lexer=PygmentsLexer(_lexer()), completer=PslarkCompleter(ctx), complete_while_typing=False,
        complete_style=CompleteStyle.MULTI_COLUMN, auto_suggest=AutoSuggestFromHistory(),
        style=Style.from_dict(STYLE), include_default_pygments_style=False, enable_history_search=False,
        search_ignore_case=True, mouse_support=False, enable_open_in_editor=False,
        color_depth=None if ctx.host.ansi else _mono())
    return session


def _mono():
    from prompt_toolkit.output import ColorDepth
    return ColorDepth.DEPTH_1_BIT


def usable() -> bool:
    """Can the full line editor run here? (a real terminal on both ends, not TERM=dumb)"""
    if os.environ.get("TERM", "") == "dumb":
        return False
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return False
        import prompt_toolkit  # noqa: F401
    except Exception:   # no prompt_toolkit, or no usable terminal: the plain loop takes over
        return False
    return True
