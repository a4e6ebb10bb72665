"""ShouldProcess (runtime/shouldprocess.py): -WhatIf texts per cmdlet, the -Confirm prompt through the host
(CommandBaseStrings / ConsoleHostUserInterface wording), Yes to All / No to All, $ConfirmPreference against
ConfirmImpact, -NonInteractive and the end of redirected input."""
from __future__ import annotations

import inspect

from pslark.runtime.host import CollectingHost, choice_prompt
from tests.conftest import run_pslark

PROMPT = ('[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help \n'
          '(default is "Y"):')


def session(input_lines=None, width=80):
    from pslark.interpreter.engine import get_engine
    eng = get_engine()
    host = CollectingHost(width=width, input_lines=input_lines)
    return eng, host, eng.new_runspace(host)


def confirm_block(action: str, target: str, answer: str) -> str:
    return (f"\nConfirm\nAre you sure you want to perform this action?\n"
            f'Performing the operation "{action}" on target "{target}".\n{PROMPT}{answer}\n')


def test_every_should_process_cmdlet_declares_and_asks():
    # no generic fallback: a cmdlet that supports -WhatIf names its changes and asks before each
    import importlib
    import pkgutil
    from pslark.runtime import cmdlets
    from pslark.runtime.cmdlet import CMDLETS
    for module in pkgutil.iter_modules(cmdlets.__path__):
        importlib.import_module("pslark.runtime.cmdlets." + module.name)
    checked = 0
    for info in list(CMDLETS.values()):
        klass = info.klass
        if not klass.supports_should_process:
            continue
        assert klass.operations, info.name
        assert "should_process(" in _own_source(klass), info.name
        checked += 1
    assert checked >= 25


def _own_source(klass) -> str:
    """The source of a cmdlet class and its bases (classes made with type() have none of their own)."""
    texts = []
    for k in klass.__mro__:
        if k.__module__.startswith("pslark.runtime.cmdlets"):
            try:
                texts.append(inspect.getsource(k))
            except OSError:
                continue
    return "".join(texts)


def test_choice_prompt_wraps_at_the_window_width():
    keys = [("Y", "Yes"), ("A", "Yes to All"), ("N", "No"), ("L", "No to All"), ("S", "Suspend")]
    assert choice_prompt(keys, 0, 80) == PROMPT
    assert choice_prompt(keys, 0, 120) == PROMPT.replace(" \n", " ") + " "
    assert choice_prompt([("Y", "Yes"), ("N", "No")], 1, 80) == '[Y] Yes  [N] No  [?] Help (default is "N"): '


def test_confirm_yes_removes_and_no_keeps(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x")
    b.write_text("x")
    eng, host, ctx = session(["y", "n"])
    eng.run_text(ctx, f"Remove-Item '{a}', '{b}' -Confirm")
    assert host.stdout_text == confirm_block("Remove File", str(a), "y") + confirm_block("Remove File", str(b), "n")
    assert not a.exists() and b.exists()


def test_help_then_default_answer(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    eng, host, ctx = session(["?", ""])
    eng.run_text(ctx, f"Remove-Item '{a}' -Confirm")
    text = host.stdout_text
    assert "?\nY - Continue with only the next step of the operation.\n" \
           "A - Continue with all the steps of the operation.\n" \
           "N - Skip this operation and proceed with the next operation.\n" \
           "L - Skip this operation and all subsequent operations.\n" \
           'S - Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.\n' \
           + PROMPT + "\n" in text
    assert not a.exists()


def test_yes_to_all_and_no_to_all_hold_for_the_rest_of_the_command(tmp_path):
    files = [tmp_path / f"{n}.txt" for n in "abc"]
    for f in files:
        f.write_text("x")
    eng, host, ctx = session(["a"])
    eng.run_text(ctx, f"Remove-Item '{tmp_path}/*.txt' -Confirm")
    assert host.stdout_text.count("Confirm\n") == 1 and not any(f.exists() for f in files)
    for f in files:
        f.write_text("x")
    eng, host, ctx = session(["l"])
    eng.run_text(ctx, f"Remove-Item '{tmp_path}/*.txt' -Confirm")
    assert host.stdout_text.count("Confirm\n") == 1 and all(f.exists() for f in files)


def test_confirm_preference_against_confirm_impact(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    # Remove-Item's impact is Medium: the default High threshold does not ask, Medium does
    eng, host, ctx = session(["n"])
    eng.run_text(ctx, f"Remove-Item '{a}' -WhatIf:$false; $ConfirmPreference = 'Medium'; New-Item '{a}' | Out-Null")
    assert host.stdout_text == confirm_block("Create File", f"Destination: {a}", "n")
    assert not a.exists()
    eng, host, ctx = session([])
    eng.run_text(ctx, f"$ConfirmPreference = 'Low'; New-Item '{a}' -Confirm:$false | Out-Null")
    assert host.stdout_text == "" and a.exists()


def test_verbose_describes_an_operation_that_goes_ahead(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    eng, host, ctx = session()
    eng.run_text(ctx, f"Remove-Item '{a}' -Verbose")
    assert host.stdout_text == f'VERBOSE: Performing the operation "Remove File" on target "{a}".\n'


def test_advanced_function_should_process_with_confirm_impact():
    eng, host, ctx = session(["y"])
    eng.run_text(ctx, "function Zap { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param($x)\n"
                      "  if ($PSCmdlet.ShouldProcess($x, 'Zap')) { \"zapped $x\" } }\n"
                      "Zap one -WhatIf; Zap two -Confirm:$false; Zap three")
    assert host.stdout_text == ('What if: Performing the operation "Zap" on target "one".\nzapped two\n'
                                + confirm_block("Zap", "three", "y") + "zapped three\n")


def test_provider_items_ask_with_the_provider_texts():
    eng, host, ctx = session(["n", "y"])
    eng.run_text(ctx, "$env:PSLARK_SP_X = 'v'; Remove-Item env:PSLARK_SP_X -Confirm; $env:PSLARK_SP_X;"
                      "Remove-Item env:PSLARK_SP_X -Confirm; Test-Path env:PSLARK_SP_X")
    assert host.stdout_text == (confirm_block("Remove Item", "Item: PSLARK_SP_X", "n") + "v\n"
                                + confirm_block("Remove Item", "Item: PSLARK_SP_X", "y") + "False\n")


def test_piped_answers_are_read_and_echoed(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    result = run_pslark(["-NoProfile", "-Command", f"Remove-Item '{a}' -Confirm; Test-Path '{a}'"], stdin="y\n")
    assert result.stdout == confirm_block("Remove File", str(a), "y") + "False\n"
    assert result.returncode == 0 and not a.exists()


def test_suspend_runs_a_nested_prompt_until_exit(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    result = run_pslark(["-NoProfile", "-Command", f"Remove-Item '{a}' -Confirm"],
                        stdin='s\n"nested $NestedPromptLevel"\nexit\nn\n', cwd=str(tmp_path))
    assert result.stdout == (confirm_block("Remove File", str(a), "s") + f'PS {tmp_path}>> "nested $NestedPromptLevel"\n'
                             f"nested 1\nPS {tmp_path}>> exit\n" + confirm_block("Remove File", str(a), "n"))
    assert a.exists()


def test_non_interactive_refuses_to_prompt(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    result = run_pslark(["-NoProfile", "-NonInteractive", "-Command",
                         f"Remove-Item '{a}' -Confirm; $x = 1; Remove-Variable x -Confirm; 'after';"
                         f"$Error[1].FullyQualifiedErrorId; $Error[0].FullyQualifiedErrorId"])
    assert result.stdout.splitlines() == [
        "after", "RemoveItemProviderException,Microsoft.PowerShell.Commands.RemoveItemCommand",
        "System.Management.Automation.PSInvalidOperationException,Microsoft.PowerShell.Commands.RemoveVariableCommand"]
    assert result.stderr.splitlines() == [
        f"Remove-Item: Attempting to perform the RemoveItem operation on the 'FileSystem' provider failed for path "
        f"'{a}'. PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
        "Remove-Variable: PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."]
    assert a.exists()


def test_end_of_input_cancels_the_prompt(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    result = run_pslark(["-NoProfile", "-Command", f"Remove-Item '{a}' -Confirm; 'after'"], stdin="")
    assert result.stdout == confirm_block("Remove File", str(a), "") + "after\n"
    assert "The prompt was canceled." in result.stderr
    assert a.exists()
