"""Where a runspace is in a Pester run: the active run (a stack, so Pester can run inside Pester), the
phase (discovery or run), and the block and test being processed.

Kept beside the runspace (a weak map keyed by it) rather than on it: thread jobs run their own runspaces,
so each has its own Pester state.
"""
from __future__ import annotations

import threading
import weakref
from typing import Any, Optional

_states: "weakref.WeakKeyDictionary[Any, list]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def run_stack(ctx) -> list:
    with _lock:
        stack = _states.get(ctx)
        if stack is None:
            stack = []
            _states[ctx] = stack
        return stack


def current_run(ctx):
    """The innermost active run of this runspace (a runner.PesterRun), or None."""
    stack = _states.get(ctx)
    return stack[-1] if stack else None


def push_run(ctx, run) -> None:
    run_stack(ctx).append(run)


def pop_run(ctx, run) -> None:
    stack = run_stack(ctx)
    if stack and stack[-1] is run:
        stack.pop()
    elif run in stack:
        stack.remove(run)


def current_test(ctx):
    run = current_run(ctx)
    return run.current_test if run is not None else None


def current_block(ctx) -> Optional[Any]:
    run = current_run(ctx)
    return run.current_block if run is not None else None
