"""ShouldProcess: what -WhatIf, -Confirm, $WhatIfPreference and $ConfirmPreference do before a command changes
state (pwsh's MshCommandRuntime.DoShouldProcess and InquireHelper), for cmdlets and advanced functions alike.

A command names each change it is about to make with an operation ("Remove File") and a target ("/tmp/x"):
-WhatIf prints `What if: Performing the operation "Remove File" on target "/tmp/x".` and refuses; a command
whose ConfirmImpact reaches $ConfirmPreference (-Confirm lowers it to Low) asks the host; otherwise it goes
ahead (printing the same sentence as a verbose message).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

IMPACTS = {"none": 0, "low": 1, "medium": 2, "high": 3}

# CommandBaseStrings.resx
CAPTION = "Confirm"
QUERY = "Are you sure you want to perform this action?"
CHOICES = (
    ("&Yes", "Continue with only the next step of the operation."),
    ("Yes to &All", "Continue with all the steps of the operation."),
    ("&No", "Skip this operation and proceed with the next operation."),
    ("No to A&ll", "Skip this operation and all subsequent operations."),
    ("&Suspend", 'Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.'),
)
YES, YES_TO_ALL, NO, NO_TO_ALL, SUSPEND = range(5)


@dataclass(frozen=True)
class Operation:
    """One kind of change a command makes: pwsh's action text (None: the command's name, as the one-argument
    ShouldProcess(target)) and the target template ('Name: {0}'). A provider asks inside one of its calls
    (`provider_call` 'RemoveItem' on `provider` 'FileSystem'), and pwsh reports a prompt that fails there as that
    call failing for the path (the first target value)."""

    action: Optional[str]
    target: str = "{0}"
    provider_call: Optional[str] = None
    provider: Optional[str] = None

    def target_text(self, *values: Any) -> str:
        return self.target.format(*(dotnet_text(v) for v in values))


def dotnet_text(value: Any) -> str:
    """Object.ToString() as string.Format shows it in a target ('System.Object[]' for an array)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    from pslark.runtime.conversion import to_string
    return to_string(value)


def describe(action: str, target: str) -> str:
    """CommandBaseStrings.ShouldProcessMessage."""
    return f'Performing the operation "{action}" on target "{target}".'


class ShouldProcessState:
    """Per invocation of a command: a Yes to All / No to All answer holds for the rest of it."""

    __slots__ = ("last",)

    def __init__(self):
        self.last: Optional[int] = None


def decide(ctx, state: ShouldProcessState, action: str, target: str, *, what_if: bool, confirm_threshold: Any,
           impact: str, write_verbose: Optional[Callable[[str], None]] = None) -> bool:
    """DoShouldProcess: True when the change may go ahead."""
    ctx.check_stop()
    if state.last == NO_TO_ALL:
        return False
    if state.last == YES_TO_ALL:
        return True
    description = describe(action, target)
    if what_if:
        ctx.host.write_line("What if: " + description)
        return False
    threshold = IMPACTS.get(str(confirm_threshold).casefold(), IMPACTS["high"])
    if threshold == 0 or threshold > IMPACTS.get(impact.casefold(), IMPACTS["medium"]):
        if write_verbose is not None:
            write_verbose(description)
        return True
    while True:
        answer = ctx.host.prompt_for_choice(CAPTION, QUERY + "\n" + description, CHOICES, YES)
        if answer == SUSPEND:
            ctx.host.enter_nested_prompt(ctx)
            continue
        if answer in (YES_TO_ALL, NO_TO_ALL):
            state.last = answer
        return answer in (YES, YES_TO_ALL)


def cmdlet_should_process(cmd, op: Operation, values: tuple) -> bool:
    """Cmdlet.ShouldProcess(target, action) with the cmdlet's -WhatIf / -Confirm / preferences. A prompt the host
    cannot show (-NonInteractive, end of input) stops the command with pwsh's error."""
    from pslark.runtime.errors import HostException, PSInvalidOperationException
    try:
        return _cmdlet_should_process(cmd, op.action or cmd.cmdlet_name, op.target_text(*values))
    except (HostException, PSInvalidOperationException) as exc:
        cmd.throw_terminating(_prompt_failure(cmd, op, values, exc))
        return False


def _prompt_failure(cmd, op: Operation, values: tuple, exc):
    if op.provider_call is None:
        error_id = exc.error_id or exc.type_names()[0]
        return cmd.error_record(exc.message, error_id, exc.category or exc.default_category, None, exc)
    from pslark.runtime.errors import ProviderInvocationException
    where = "for the path" if op.provider_call == "NewItem" else "for path"     # SessionStateStrings.resx
    message = (f"Attempting to perform the {op.provider_call} operation on the '{op.provider}' provider failed "
               f"{where} '{dotnet_text(values[0] if values else None)}'. {exc.message}")
    return cmd.error_record(message, op.provider_call + "ProviderException", "NotSpecified", None,
                            ProviderInvocationException(message, inner=exc))


def _cmdlet_should_process(cmd, action: str, target: str) -> bool:
    from pslark.runtime.conversion import to_bool
    from pslark.runtime.objects import PSObject
    bound = {k.casefold(): v for k, v in cmd.bound.items()}
    ctx = cmd.ctx
    if "whatif" in bound:
        what_if = to_bool(bound["whatif"])
    else:
        value = ctx.preference("WhatIfPreference", False)
        what_if = to_bool(value.base if isinstance(value, PSObject) else value)
    if "confirm" in bound:
        threshold = "Low" if to_bool(bound["confirm"]) else "None"
    else:
        threshold = ctx.preference("ConfirmPreference", "High")
    state = cmd.__dict__.get("_should_process_state")
    if state is None:
        state = cmd._should_process_state = ShouldProcessState()
    return decide(ctx, state, action, target, what_if=what_if, confirm_threshold=threshold,
                  impact=getattr(type(cmd), "confirm_impact", "Medium"), write_verbose=cmd.write_verbose)
