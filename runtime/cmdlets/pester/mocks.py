"""Mock, Should -Invoke and Assert-MockCalled: the mock registry of a run.

A mocked command gets a hook: a cmdlet class generated with the original command's parameters (so calls
bind exactly as they would to the original and `$Name` works in a -ParameterFilter), stored in the
container's scope under a private name, plus an alias with the command's name in the same scope (aliases
win over functions and cmdlets, as Pester's own alias-based mocks do). Each call picks a behavior the way
Pester 5 does: the behaviors visible from the running test and its blocks, innermost first; the first one
whose filter passes, else the first default one; with none, the original command runs.

Behaviors belong to the test (Mock inside It / BeforeEach) or the block (Mock in BeforeAll, or in a
Describe body, Pester 4 style) that defined them and disappear with it. Calls are recorded with the test
and block they happened in, which is what `Should -Invoke -Scope It|Context|Describe` counts.
"""
from __future__ import annotations

import itertools
from typing import Any, Optional

from pslark.runtime.cmdlet import Cmdlet, CmdletInfo, CommandMetadata, Parameter
from pslark.runtime.cmdlets.pester.nicely import format_because
from pslark.runtime.errors import CommandNotFoundException, RuntimeException
from pslark.runtime.objects import Hashtable
from pslark.runtime.scriptblock import UNSET

ARGS_PARAMETER = "PesterMockArguments"
_counter = itertools.count(1)


class Behavior:
    def __init__(self, hook: "Hook", body, parameter_filter, verifiable: bool, owner: Any, scope=None):
        self.hook = hook
        self.body = body
        self.filter = parameter_filter
        self.verifiable = verifiable
        self.owner = owner              # a model.Test or model.Block
        self.scope = scope              # where Mock was called (module mocks run their body from there)
        self.executed = False
        self.order = next(_counter)

    @property
    def is_default(self) -> bool:
        return self.filter is None


class Call:
    def __init__(self, hook: "Hook", bound: Hashtable, args: list, test, block, behavior: Behavior):
        self.hook = hook
        self.bound = bound
        self.args = args
        self.test = test
        self.block = block
        self.behavior = behavior


class Hook:
    """The stand-in command installed for one mocked command."""

    def __init__(self, name: str, original: Any, parameters: list[Parameter], scope, module: str = ""):
        self.name = name                # the original command's own name (Get-ChildItem)
        self.original = original        # its CommandInfo (CmdletInfo / FunctionInfo / ...)
        self.parameters = parameters
        self.scope = scope              # where the alias and the hook function live
        self.module = module            # Mock -ModuleName: the hook lives in that module's scope
        self.hook_name = f"PesterMock_{module or 'script'}_{name}_{next(_counter)}"
        self.behaviors: list[Behavior] = []
        self.calls: list[Call] = []
        self.info: Optional[CmdletInfo] = None


class MockHookCmdlet(Cmdlet):
    """Base of the generated hook cmdlets (one subclass per mocked command)."""

    pester_hook: Optional[Hook] = None
    pester_registry: Any = None

    def fq_suffix(self) -> str:
        hook = type(self).pester_hook
        return hook.hook_name if hook is not None else "PesterMock"

    def process_record(self):
        type(self).pester_registry.invoke(self)


class MockCmdletInfo(CmdletInfo):
    """The hook as a command (build_processor runs it like a cmdlet)."""

    @property
    def command_type(self) -> str:
        return "Function"


def _parameters_of(ctx, info) -> tuple[list[Parameter], bool]:
    """(own parameters, takes remaining arguments) of the command being mocked."""
    if isinstance(info, CmdletInfo):
        params = list(info.metadata.own_parameters)
        return params, any(p.remaining for p in params)
    sb = getattr(info, "script_block", None)
    if sb is not None:
        try:
            from pslark.interpreter.functions import script_metadata
            md = script_metadata(sb, getattr(info, "name", "") or "ScriptBlock")
            params = list(md.own_parameters)
            return params, any(p.remaining for p in params)
        except Exception:       # noqa: BLE001 - a command whose metadata cannot be read takes just $args
            return [], False
    return [], False


class MockRegistry:
    def __init__(self, run):
        self.run = run
        self.hooks: dict[str, Hook] = {}

    # ---- Mock
    def add_mock(self, ctx, command_name: str, body, parameter_filter, verifiable: bool, owner,
                 module_name: str = "") -> Behavior:
        module_name = module_name or current_module_name(ctx)
        hook = self._hook_for(ctx, command_name, module_name)
        behavior = Behavior(hook, body, parameter_filter, verifiable, owner, ctx.session.current)
        hook.behaviors.append(behavior)
        return behavior

    def _hook_for(self, ctx, command_name: str, module_name: str = "") -> Hook:
        from pslark.interpreter.commands import resolve_command
        module_scope = module_scope_of(ctx, module_name) if module_name else None
        session = ctx.session
        previous = session.current
        if module_scope is not None:
            session.current = module_scope      # the module's own (also private) commands
        try:
            info = resolve_command(ctx, command_name)
        except CommandNotFoundException:
            raise CommandNotFoundException(f"Could not find Command {command_name}",
                                           error_id="CommandNotFoundException", category="ObjectNotFound",
                                           target=command_name) from None
        finally:
            session.current = previous
        if isinstance(info, MockCmdletInfo):
            return info.klass.pester_hook
        name = getattr(info, "name", command_name) or command_name
        key = _key(module_name, name)
        hook = self.hooks.get(key)
        if hook is not None:
            return hook
        params, has_remaining = _parameters_of(ctx, info)
        if not has_remaining:
            params = params + [Parameter("object[]", name=ARGS_PARAMETER, remaining=True, dont_show=True)]
        scope = module_scope if module_scope is not None else self.run.hook_scope()
        hook = Hook(name, info, params, scope, module_name)
        self._install(hook)
        self.hooks[key] = hook
        return hook

    def _install(self, hook: Hook) -> None:
        from pslark.runtime.commandinfo import AliasInfo
        attrs: dict = {"pester_hook": hook, "pester_registry": self}
        klass = type("PesterMockHook", (MockHookCmdlet,), attrs)
        klass.cmdlet_name = hook.hook_name
        klass.default_set = None
        klass.supports_should_process = False
        md = CommandMetadata(hook.hook_name, hook.parameters, _default_set(hook.original), True, False)
        klass._metadata = md
        info = MockCmdletInfo(hook.hook_name, klass, (), "Pester")
        hook.info = info
        scope = hook.scope
        scope.functions[hook.hook_name.casefold()] = info
        scope.aliases[hook.name.casefold()] = AliasInfo(hook.name, hook.hook_name)

    def remove_hooks(self) -> None:
        for hook in self.hooks.values():
            scope = hook.scope
            scope.functions.pop(hook.hook_name.casefold(), None)
            alias = scope.aliases.get(hook.name.casefold())
            if alias is not None and getattr(alias, "definition", None) == hook.hook_name:
                scope.aliases.pop(hook.name.casefold(), None)
        self.hooks.clear()

    def remove_owner(self, owner) -> None:
        """The test or block that defined behaviors has finished: its behaviors go."""
        for hook in self.hooks.values():
            hook.behaviors = [b for b in hook.behaviors if b.owner is not owner]

    # ---- a call of a mocked command
    def _visible_behaviors(self, hook: Hook) -> list[Behavior]:
        run = self.run
        owners: list = []
        if run.current_test is not None:
            owners.append(run.current_test)
        b = run.current_block
        while b is not None:
            owners.append(b)
            b = b.parent
        out: list[Behavior] = []
        for owner in owners:
            mine = [x for x in hook.behaviors if x.owner is owner]
            out.extend(sorted(mine, key=lambda x: -x.order))
        return out

    def invoke(self, cmdlet: MockHookCmdlet) -> None:
        hook = type(cmdlet).pester_hook
        ctx = cmdlet.ctx
        bound = Hashtable()
        args: list = []
        for name, value in cmdlet.bound.items():
            if name == ARGS_PARAMETER:
                args = list(value) if isinstance(value, list) else [value]
            else:
                bound[name] = value
        behavior = None
        default = None
        for b in self._visible_behaviors(hook):
            if b.is_default:
                if default is None:
                    default = b
                continue
            if self._passes(ctx, hook, b.filter, bound, args, b.scope if hook.module else None):
                behavior = b
                break
        if behavior is None:
            behavior = default
        if behavior is None:
            self._call_original(cmdlet, hook, bound, args)
            return
        hook.calls.append(Call(hook, bound, args, self.run.current_test, self.run.current_block, behavior))
        behavior.executed = True
        home = behavior.scope if hook.module else None
        for item in self._run_with_parameters(ctx, hook, behavior.body, bound, args, home):
            cmdlet.write_object(item)

    def _scope_with_parameters(self, ctx, hook: Hook, bound: Hashtable, args: list, home=None):
        from pslark.runtime.session import Scope
        scope = Scope(home if home is not None else ctx.session.current)
        session = ctx.session
        for p in hook.parameters:
            if p.name == ARGS_PARAMETER:
                continue
            if p.name in bound:
                value = bound[p.name]
            else:
                value = False if p.is_switch else None
            session.new_variable(p.name, value, scope)
        session.new_variable("PesterBoundParameters", bound, scope)
        return scope

    def _run_with_parameters(self, ctx, hook: Hook, sb, bound: Hashtable, args: list, home=None) -> list:
        if sb is None:
            return []
        scope = self._scope_with_parameters(ctx, hook, bound, args, home)
        session = ctx.session
        previous = session.current
        session.current = scope
        try:
            return sb.invoke_with(list(args), None, UNSET, UNSET, False)
        finally:
            session.current = previous

    def _passes(self, ctx, hook: Hook, flt, bound: Hashtable, args: list, home=None) -> bool:
        from pslark.runtime.conversion import to_bool
        out = self._run_with_parameters(ctx, hook, flt, bound, args, home)
        if not out:
            return False
        return to_bool(out[0] if len(out) == 1 else out)

    def _call_original(self, cmdlet: MockHookCmdlet, hook: Hook, bound: Hashtable, args: list) -> None:
        ctx = cmdlet.ctx
        sb = ctx.engine.script_block_from_text("param($__pesterCommand, $__pesterBound, $__pesterArgs) "
                                               "& $__pesterCommand @__pesterBound @__pesterArgs")
        for item in sb.invoke_with([hook.original, bound, args], None, UNSET, UNSET, True):
            cmdlet.write_object(item)

    # ---- Should -Invoke
    def find_hook(self, ctx, command_name: str, module_name: str = "") -> Optional[Hook]:
        key = _key(module_name, command_name)
        if key in self.hooks:
            return self.hooks[key]
        session = ctx.session
        previous = session.current
        try:
            module_scope = module_scope_of(ctx, module_name) if module_name else None
            if module_scope is not None:
                session.current = module_scope
            from pslark.interpreter.commands import resolve_command
            info = resolve_command(ctx, command_name)
        except Exception:       # noqa: BLE001 - not resolvable: no hook
            return None
        finally:
            session.current = previous
        if isinstance(info, MockCmdletInfo):
            return info.klass.pester_hook
        name = getattr(info, "name", None)
        return self.hooks.get(_key(module_name, name)) if isinstance(name, str) else None


def _key(module_name: str, command_name: str) -> str:
    return f"{(module_name or '').casefold()}||{command_name.casefold()}"


def current_module_name(ctx) -> str:
    """The loaded module whose scope the caller runs in (inside InModuleScope), or ''."""
    table = getattr(ctx, "module_table", None) or {}
    chain = set()
    scope = ctx.session.current
    while scope is not None:
        chain.add(id(scope))
        scope = scope.parent
    for info in table.values():
        if getattr(info, "scope", None) is not None and id(info.scope) in chain:
            return info.name
    return ""


def module_scope_of(ctx, module_name: str):
    """The scope of a loaded module (Mock -ModuleName, InModuleScope), or Pester's error."""
    table = getattr(ctx, "module_table", None) or {}
    info = table.get(module_name.casefold())
    scope = getattr(info, "scope", None) if info is not None else None
    if scope is None:
        raise RuntimeException(f"No modules named '{module_name}' are currently loaded.",
                               error_id="PesterModuleNotLoaded", category="ObjectNotFound", target=module_name)
    return scope


def _default_set(info) -> Optional[str]:
    if isinstance(info, CmdletInfo):
        return info.metadata.default_set
    return None


def _calls_in_scope(run, hook: Hook, scope: Any) -> list[Call]:
    from pslark.runtime.cmdlets.pester.model import Block
    test = run.current_test
    block = run.current_block
    target = None
    if scope is None or str(scope) == "":
        if test is not None:
            return [c for c in hook.calls if c.test is test]
        target = block
    else:
        text = str(scope)
        key = text.casefold()
        if key == "it":
            if test is None:
                raise RuntimeException("Assertion is not placed directly nor nested inside an It block, but -Scope It "
                                       "is specified.")
            return [c for c in hook.calls if c.test is test]
        if key in ("describe", "context"):
            kind = "Describe" if key == "describe" else "Context"
            b = block
            while b is not None and b.kind != kind:
                b = b.parent
            target = b if b is not None else block
        elif text.isdigit():
            levels = int(text)
            if levels == 0 and test is not None:
                return [c for c in hook.calls if c.test is test]
            target = block
            for _ in range(max(0, levels - (1 if test is not None else 0))):
                if target.parent is not None:
                    target = target.parent
        else:
            raise RuntimeException(f"Scope argument must either be an integer, or one of the words 'It', "
                                   f"'Describe', or 'Context'. It was '{text}'.")
    if not isinstance(target, Block):
        return list(hook.calls)
    return [c for c in hook.calls if _within(c.block, target)]


def _within(block, ancestor) -> bool:
    b = block
    while b is not None:
        if b is ancestor:
            return True
        b = b.parent
    return False


def _no_mock_error(command_name: str, module_name: str = "") -> RuntimeException:
    where = f"module {module_name}" if module_name else "script scope"
    return RuntimeException(f"Should -Invoke: Could not find Mock for command {command_name} in {where}. Was the "
                            f"mock defined? Did you use the same -ModuleName as on the Mock? When using InModuleScope "
                            f"are InModuleScope and Mock using the same -ModuleName?")


def assert_invoked(ctx, command_name, times, parameter_filter, exclusive_filter, module_name, scope,
                   exactly: bool, negate: bool, because, times_bound: bool = True):
    from pslark.runtime.cmdlets.pester.state import current_run
    from pslark.runtime.conversion import to_int, to_string
    run = current_run(ctx)
    if command_name is None or to_string(command_name) == "":
        raise RuntimeException("Cannot process command because of one or more missing mandatory parameters: "
                               "CommandName.")
    name = to_string(command_name)
    if run is None:
        raise _no_mock_error(name)
    module = to_string(module_name) if module_name else current_module_name(ctx)
    hook = run.mocks.find_hook(ctx, name, module)
    if hook is None:
        raise _no_mock_error(name, module)
    times = to_int(times) if times is not None else 1
    flt = exclusive_filter if exclusive_filter is not None else parameter_filter
    calls = _calls_in_scope(run, hook, scope)
    matching = []
    non_matching = []
    registry = run.mocks
    for call in calls:
        if flt is None or registry._passes(ctx, hook, flt, call.bound, call.args,
                                           ctx.session.current if hook.module else None):
            matching.append(call)
        else:
            non_matching.append(call)
    cmd = hook.name
    module = f" in module {module_name}" if module_name else ""
    n = len(matching)
    if negate:
        if n == times and (exactly or not times_bound):
            return False, f"Expected {cmd}{module} not to be called exactly {times} times,{format_because(because)} " \
                          f"but it was", None
        if n >= times and not exactly:
            return False, f"Expected {cmd}{module} to be called less than {times} times,{format_because(because)} " \
                          f"but was called {n} times", None
    else:
        if n != times and (exactly or times == 0):
            return False, f"Expected {cmd}{module} to be called {times} times exactly,{format_because(because)} " \
                          f"but was called {n} times", None
        if n < times:
            return False, f"Expected {cmd}{module} to be called at least {times} times,{format_because(because)} " \
                          f"but was called {n} times", None
        if exclusive_filter is not None and non_matching:
            return False, f"Expected {cmd}{module} to only be called with with parameters matching the specified " \
                          f"filter,{format_because(because)} but {len(non_matching)} non-matching calls were made", None
    return True, "", None


def assert_verifiable(ctx, negate: bool, because):
    from pslark.runtime.cmdlets.pester.state import current_run
    run = current_run(ctx)
    if run is None:
        return True, "", None
    behaviors = []
    visible = set()
    for hook in run.mocks.hooks.values():
        for b in run.mocks._visible_behaviors(hook):
            if id(b) not in visible and b.verifiable:
                visible.add(id(b))
                behaviors.append(b)
    selected = [b for b in behaviors if b.executed == negate]
    if not selected:
        return True, "", None
    text = ""
    for b in selected:
        text += f"\n Command {b.hook.name} "
        if b.filter is not None:
            text += f"with {{ {b.filter.text.strip()} }}"
    if negate:
        return False, f"\nExpected no verifiable mocks to be called,{format_because(because)} but these were:{text}", None
    return False, f"\nExpected all verifiable mocks to be called,{format_because(because)} but these were not:{text}", \
        None
