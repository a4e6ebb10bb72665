"""Parameter binding as pwsh does it: named (unique prefixes, aliases, `-Name:value`), positional by parameter
set, switches, pipeline input ByValue then ByPropertyName, mandatory checks, validation, and pwsh's error texts.

The binder works on CommandMetadata, so cmdlets and advanced functions bind the same way.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from pslark.runtime.cmdlet import ALL_SETS, CommandMetadata, Parameter
from pslark.runtime.errors import ParameterBindingException, ParameterBindingValidationException, PSException

NO_VALUE = object()


class CommandArgument:
    """One element at the call site: `-Name`, `-Name:value`, or a value."""

    __slots__ = ("name", "value", "extent", "used_colon", "from_splat", "comma_list", "native_expand")

    def __init__(self, name: Optional[str], value: Any = NO_VALUE, extent=None, used_colon: bool = False,
                 from_splat: bool = False):
        self.name = name            # parameter name without '-' or None for a value
        self.value = value
        self.extent = extent
        self.used_colon = used_colon
        self.from_splat = from_splat
        self.comma_list = False     # written as `a,b` (native commands get it as one argument)
        self.native_expand = None   # for a native command: 'bare' (wildcards and ~), 'value' (wildcards), None

    @property
    def is_parameter(self) -> bool:
        return self.name is not None

    def __repr__(self):
        return f"CommandArgument({self.name!r}, {self.value!r})"


def binding_error(command: str, message: str, error_id: str, extent=None, category: str = "InvalidArgument",
                  target: Any = None, exc_class: type = ParameterBindingException) -> ParameterBindingException:
    exc = exc_class(message, error_id=f"{error_id},{command}", category=category, target=target)
    exc.extent = extent
    return exc


def type_display_name(type_name: str) -> str:
    """'string' -> 'System.String' for messages like 'Specify a parameter of type ...'."""
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type(type_name)
        if t is not None:
            return t.full_name
    except Exception:   # the type layer is optional for messages
        pass
    return type_name


class BindingResult:
    def __init__(self):
        self.values: dict[str, Any] = {}            # parameter name -> value (PowerShell's casing)
        self.params: dict[str, Parameter] = {}       # parameter name -> metadata
        self.unbound_args: list[Any] = []            # for $args of simple functions
        self.parameter_set: str = ALL_SETS
        self.candidate_sets: list[str] = []


class Binder:
    """Binds arguments for one command invocation. `convert(value, param)` converts to the parameter type."""

    transforms_arguments = False    # True for functions and scripts: typed parameters report transformation errors

    def __init__(self, metadata: CommandMetadata, command_name: str, fq_command: str,
                 convert: Callable[[Any, Parameter], Any], allow_unbound: bool = False, invocation=None):
        self.md = metadata
        self.command_name = command_name
        self.fq = fq_command
        self.convert = convert
        self.allow_unbound = allow_unbound           # simple functions: unknown args go to $args
        self.invocation = invocation                 # the call site: errors name the command and point at it

    def error(self, message: str, error_id: str, extent=None, category: str = "InvalidArgument", target=None,
              exc_class: type = ParameterBindingException):
        exc = binding_error(self.fq, message, error_id, extent, category, target, exc_class)
        inv = self.invocation
        if inv is not None:
            # as pwsh's ParameterBindingException: the command, positioned at the offending argument (or the
            # whole command when there is none), so ConciseView shows `Command: path:line` and the `~` there
            from pslark.runtime.errors import ErrorRecord, InvocationInfo
            ErrorRecord(exc, invocation_info=InvocationInfo(inv.my_command, extent or inv.extent,
                                                            inv.invocation_name))
        return exc

    # ---- command-line arguments
    def bind_arguments(self, args: list[CommandArgument]) -> BindingResult:
        result = BindingResult()
        positional: list[CommandArgument] = []
        positional_at: list[int] = []
        unknown_at: list[tuple[int, list]] = []     # unknown -names kept for $args, with where they stood
        i = 0
        n = len(args)
        while i < n:
            arg = args[i]
            if not arg.is_parameter:
                positional.append(arg)
                positional_at.append(i)
                i += 1
                continue
            if arg.name == "-" and not arg.used_colon:
                # `--` ends the parameters: what follows binds as values (the parser already made them barewords)
                i += 1
                continue
            matches = self.md.find(arg.name)
            if not matches and not self.allow_unbound and any(p.remaining for p in self.md.parameters):
                # a ValueFromRemainingArguments parameter takes an unknown -name too, in its place on the line
                words = [_param_text(arg)] + ([arg.value] if arg.used_colon and arg.value is not NO_VALUE else [])
                for w in words:
                    positional.append(CommandArgument(None, w, arg.extent))
                    positional_at.append(i)
                i += 1
                continue
            if not matches:
                if self.allow_unbound:
                    words = [_param_text(arg)]
                    if arg.used_colon and arg.value is not NO_VALUE:
                        words.append(arg.value)
                    result.unbound_args.extend(words)
                    unknown_at.append((i, words))
                    i += 1
                    continue
                raise self.error(f"A parameter cannot be found that matches parameter name '{arg.name}'.",
                                 "NamedParameterNotFound", arg.extent)
            if len(matches) > 1:
                names = " ".join("-" + p.name for p in matches)
                raise self.error(
                    f"Parameter cannot be processed because the parameter name '{arg.name}' is ambiguous. "
                    f"Possible matches include: {names}.", "AmbiguousParameter", arg.extent)
            param = matches[0]
            value_extent = None
            if arg.used_colon or arg.value is not NO_VALUE:
                value = arg.value
                i += 1
            elif param.is_switch:
                value = True
                i += 1
            else:
                if i + 1 >= n or args[i + 1].is_parameter:
                    raise self.error(
                        f"Missing an argument for parameter '{param.name}'. Specify a parameter of type "
                        f"'{type_display_name(param.type)}' and try again.", "MissingArgument", arg.extent)
                value = args[i + 1].value
                value_extent = args[i + 1].extent      # argument errors point at the argument (GetErrorExtent)
                i += 2
            self._bind(result, param, value, arg.extent, value_extent)
        self._bind_positional(result, positional)
        if unknown_at:
            # $args keeps the command line's order: `f 4 -blah 5` gives 4, -blah, 5
            named_count = sum(len(words) for _, words in unknown_at)
            tail = result.unbound_args[named_count:]
            pieces = unknown_at + [(at, [value]) for at, value in zip(positional_at[len(positional_at) - len(tail):],
                                                                        tail)]
            result.unbound_args = [v for _, words in sorted(pieces, key=lambda p: p[0]) for v in words]
        return result

    def apply_default_values(self, result: BindingResult, ctx) -> None:
        """$PSDefaultParameterValues: `'Command:Parameter' = value` (wildcards on both sides) fills parameters the
        command line left unbound, in the parameter sets still possible; a script block value is run to get the
        value unless the parameter takes a script block. A default that does not fit is skipped, as in pwsh."""
        table = ctx.session.lookup("PSDefaultParameterValues") if ctx is not None else None
        table = getattr(table, "value", None)
        if not table or not hasattr(table, "items"):
            return
        from pslark.runtime.conversion import to_bool
        from pslark.runtime.scriptblock import ScriptBlock
        from pslark.runtime.wildcard import wildcard_to_regex
        entries = []
        for key, value in table.items():
            key = getattr(key, "base", key)
            if not isinstance(key, str):
                continue
            if key.strip().casefold() == "disabled":
                if to_bool(value):
                    return
                continue
            command, sep, parameter = key.partition(":")
            if sep and command.strip() and parameter.strip():
                entries.append((command.strip(), parameter.strip(), value))
        for command, parameter, value in entries:
            if not wildcard_to_regex(command).fullmatch(self.command_name or ""):
                continue
            pattern = wildcard_to_regex(parameter)
            for param in self.md.parameters:
                if param.name in result.values or not any(
                        pattern.fullmatch(n) for n in (param.name, *param.aliases)):
                    continue
                sets = self.candidate_sets([*result.params.values(), param])
                if not sets:
                    continue
                arg = value
                if isinstance(value, ScriptBlock) and param.type.casefold() != "scriptblock":
                    try:
                        produced = value.invoke()
                    except PSException:
                        continue
                    arg = produced[0] if len(produced) == 1 else produced
                try:
                    self._bind(result, param, arg)
                except PSException:
                    continue
                result.candidate_sets = sets

    def _bind(self, result: BindingResult, param: Parameter, value: Any, extent=None, value_extent=None) -> None:
        if param.name in result.values:
            raise self.error(
                f"Cannot bind parameter because parameter '{param.name}' is specified more than once. To provide "
                f"multiple values to parameters that can accept multiple values, use the array syntax. For example, "
                f"\"-parameter value1,value2,value3\".", "ParameterAlreadyBound", extent)
        result.values[param.name] = self._convert(param, value, value_extent or extent)
        result.params[param.name] = param

    def _convert(self, param: Parameter, value: Any, extent=None) -> Any:
        if param.is_switch:
            from pslark.runtime.conversion import to_bool
            return to_bool(value)
        try:
            value = self._coerce(value, param)
        except ParameterBindingException:
            raise
        except PSException as exc:
            raise self._conversion_error(param, exc.message, extent) from None
        except (TypeError, ValueError, AttributeError, OverflowError):
            # the type layer could not convert: the same binding error pwsh gives
            raise self._conversion_error(
                param, f"Cannot convert the \"{_arg_text(value)}\" value of type \"{_type_name(value)}\" to type "
                f"\"{type_display_name(param.type)}\".", extent) from None
        self.validate(param, value, extent)
        if param.mandatory_somewhere:
            self.check_null_or_empty(param, value, extent)
        return value

    def _conversion_error(self, param: Parameter, message: str, extent) -> ParameterBindingException:
        if self.transforms_arguments:
            # a script parameter's type constraint is an argument transformation in pwsh
            return self.error(f"Cannot process argument transformation on parameter '{param.name}'. {message}",
                              "ParameterArgumentTransformationError", extent)
        return self.error(f"Cannot bind parameter '{param.name}'. {message}", "CannotConvertArgumentNoMessage",
                          extent)

    def validation_error(self, message: str, error_id: str = "ParameterArgumentValidationError", extent=None):
        """ParameterBindingValidationException (category InvalidData), as pwsh's validation failures."""
        return self.error(message, error_id, extent, "InvalidData", exc_class=ParameterBindingValidationException)

    def check_null_or_empty(self, param: Parameter, value: Any, extent=None) -> None:
        """ParameterBinderBase.ValidateNullOrEmptyArgument for a mandatory parameter: $null, '' and an empty array
        are refused unless [AllowNull()], [AllowEmptyString()], [AllowEmptyCollection()] say otherwise."""
        kind = _argument_kind(param.type)
        if kind == "array":
            if value is None:
                if not param.allow_null:
                    raise self._not_allowed(param, "NullNotAllowed", "null", extent)
                return
            items = list(value) if isinstance(value, (list, tuple)) else [value]
            element = _argument_kind(param.type[:-2])
            if element != "value":
                for item in items:
                    self._check_scalar(param, element, item, extent)
            if not items and not param.allow_empty_collection:
                raise self._not_allowed(param, "EmptyArrayNotAllowed", "an empty array", extent)
            return
        self._check_scalar(param, kind, value, extent)

    def _check_scalar(self, param: Parameter, kind: str, value: Any, extent) -> None:
        from pslark.runtime.objects import AUTOMATION_NULL
        if value is None or value is AUTOMATION_NULL:
            if kind != "value" and not param.allow_null:
                raise self._not_allowed(param, "NullNotAllowed", "null", extent)
            return
        if kind == "string" and value == "" and isinstance(value, str) and not param.allow_empty_string:
            raise self._not_allowed(param, "EmptyStringNotAllowed", "an empty string", extent)

    def _not_allowed(self, param: Parameter, which: str, what: str, extent) -> ParameterBindingException:
        return self.validation_error(f"Cannot bind argument to parameter '{param.name}' because it is {what}.",
                                     "ParameterArgumentValidationError" + which, extent)

    def validate(self, param: Parameter, value: Any, extent=None) -> None:
        name = param.name
        if value is None and param.validate_not_null and not param.validate_not_null_or_empty:
            raise self.validation_error(
                f"Cannot validate argument on parameter '{name}'. The argument is null. Provide a valid value for the "
                f"argument, and then try running the command again.", "ParameterArgumentValidationError", extent)
        if param.validate_not_null_or_empty and (value is None or value == "" or value == []):
            # ValidateNotNullOrEmptyAttribute: $null fails with the same "null or empty" text (Metadata.resx)
            raise self.validation_error(
                f"Cannot validate argument on parameter '{name}'. The argument is null or empty. Provide an argument "
                f"that is not null or empty, and then try the command again.", "ParameterArgumentValidationError",
                extent)
        if param.validate_not_null_or_empty and isinstance(value, list):
            # [ValidateNotNullOrEmpty] checks each element of a collection too
            for v in value:
                if v is None:
                    raise self.validation_error(
                        f"Cannot validate argument on parameter '{name}'. The argument is null, empty, or an element "
                        f"of the argument collection contains a null value. Supply a collection that does not contain "
                        f"any null values and then try the command again.", "ParameterArgumentValidationError", extent)
                if v == "":
                    raise self.validation_error(
                        f"Cannot validate argument on parameter '{name}'. The argument is null or empty. Provide an "
                        f"argument that is not null or empty, and then try the command again.",
                        "ParameterArgumentValidationError", extent)
        values = value if isinstance(value, list) else [value]
        if param.validate_set is not None:
            exact = getattr(param, "validate_set_case_sensitive", False)    # [ValidateSet(..., IgnoreCase=$false)]
            allowed = {str(v) if exact else str(v).casefold() for v in param.validate_set}
            for v in values:
                if v is None or (str(v) if exact else str(v).casefold()) not in allowed:
                    text = "" if v is None else str(v)
                    custom = getattr(param, "validate_set_message", None)   # [ValidateSet(..., ErrorMessage=...)]
                    if custom:
                        from pslark.interpreter.functions import custom_validation_message
                        raise self.validation_error(
                            f"Cannot validate argument on parameter '{name}'. "
                            f"{custom_validation_message(custom, text, ','.join(param.validate_set))}",
                            "ParameterArgumentValidationError", extent)
                    raise self.validation_error(
                        f"Cannot validate argument on parameter '{name}'. The argument \"{text}\" does not belong to "
                        f"the set \"{','.join(param.validate_set)}\" specified by the ValidateSet attribute. Supply an "
                        f"argument that is in the set and then try the command again.",
                        "ParameterArgumentValidationError", extent)
        if param.validate_range is not None:
            low, high = param.validate_range
            for v in values:
                if low is not None and v < low:
                    raise self.validation_error(
                        f"Cannot validate argument on parameter '{name}'. The {v} argument is less than the minimum "
                        f"allowed range of {low}. Supply an argument that is greater than or equal to {low} and then "
                        f"try the command again.", "ParameterArgumentValidationError", extent)
                if high is not None and v > high:
                    raise self.validation_error(
                        f"Cannot validate argument on parameter '{name}'. The {v} argument is greater than the maximum "
                        f"allowed range of {high}. Supply an argument that is less than or equal to {high} and then "
                        f"try the command again.", "ParameterArgumentValidationError", extent)
        if param.validate_count is not None:
            low, high = param.validate_count
            count = len(values)
            if count < low:
                raise self.validation_error(
                    f"Cannot validate argument on parameter '{name}'. The parameter requires at least {low} value(s) "
                    f"and no more than {high} value(s) - {count} value(s) were provided.",
                    "ParameterArgumentValidationError", extent)
            if count > high:
                raise self.validation_error(
                    f"Cannot validate argument on parameter '{name}'. The parameter requires at least {low} value(s) "
                    f"and no more than {high} value(s) - {count} value(s) were provided.",
                    "ParameterArgumentValidationError", extent)
        if param.validate_script is not None:
            param.validate_script(self, param, value, extent)

    # ---- parameter sets and positions
    def candidate_sets(self, bound_params) -> list[str]:
        sets = list(self.md.sets)
        for p in bound_params:
            if ALL_SETS in p.sets:
                continue
            sets = [s for s in sets if s in p.sets]
        return sets

    def _bind_positional(self, result: BindingResult, positional: list[CommandArgument]) -> None:
        sets = self.candidate_sets(result.params.values())
        if not sets:
            raise self.error(
                "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
                "cannot be used together or an insufficient number of parameters were provided.",
                "AmbiguousParameterSet")
        result.candidate_sets = sets
        if not positional:
            return
        # order the sets so the default set decides positions first; a set whose positional parameters cannot
        # take the arguments (conversion fails) gives way to the next one, as in pwsh
        ordered = sorted(sets, key=lambda s: 0 if s == self.md.default_set else 1)

        def remaining_in(set_name: str) -> Optional[Parameter]:
            # each set has its own ValueFromRemainingArguments parameter (ForEach-Object: RemainingScripts in
            # ScriptBlockSet, ArgumentList in PropertyAndMethodSet)
            return next((p for p in self.md.parameters if p.remaining and p.in_set(set_name)), None)
        candidates = [s for s in ordered
                      if len(self._positional_slots(s, result)) >= len(positional)
                      or remaining_in(s) is not None] or ordered[:1]
        if len(candidates) > 1:
            # pwsh binds positional arguments without type coercion first: `Where-Object { ... }` takes the
            # FilterScript set, not the string Property of the default set
            exact = [s for s in candidates if self._fits_exactly(s, result, positional)]
            candidates = exact + [s for s in candidates if s not in exact]
        first_error = None
        for set_name in candidates:
            trial = BindingResult()
            trial.values = dict(result.values)
            trial.params = dict(result.params)
            trial.unbound_args = list(result.unbound_args)
            try:
                self._bind_positional_in(trial, positional, set_name, remaining_in(set_name))
            except ParameterBindingException as exc:
                if first_error is None:
                    first_error = exc
                continue
            result.values, result.params, result.unbound_args = trial.values, trial.params, trial.unbound_args
            result.candidate_sets = self.candidate_sets(result.params.values()) or sets
            return
        raise first_error

    def _bind_positional_in(self, result: BindingResult, positional: list[CommandArgument], set_name: str,
                            remaining_param: Optional[Parameter]) -> None:
        slots = self._positional_slots(set_name, result)
        leftovers = []
        for idx, arg in enumerate(positional):
            if idx < len(slots):
                self._bind(result, slots[idx], arg.value, arg.extent)
            else:
                leftovers.append(arg)
        if leftovers:
            if remaining_param is not None and remaining_param.name not in result.values:
                result.values[remaining_param.name] = [a.value for a in leftovers]
                result.params[remaining_param.name] = remaining_param
            elif remaining_param is not None and remaining_param in slots[:len(positional)]:
                # a positional ValueFromRemainingArguments parameter takes every further value too
                first = result.values[remaining_param.name]
                result.values[remaining_param.name] = [first] + [a.value for a in leftovers]
            elif self.allow_unbound:
                result.unbound_args.extend(a.value for a in leftovers)
            else:
                first = leftovers[0]
                text = _arg_text(first.value)
                raise self.error(f"A positional parameter cannot be found that accepts argument '{text}'.",
                                 "PositionalParameterNotFound", first.extent)

    def _fits_exactly(self, set_name: str, result: BindingResult, positional: list[CommandArgument]) -> bool:
        slots = self._positional_slots(set_name, result)
        return all(_fits_without_coercion(arg.value, slots[i]) for i, arg in enumerate(positional[:len(slots)]))

    def _positional_slots(self, set_name: str, result: BindingResult) -> list[Parameter]:
        slots = []
        for p in self.md.parameters:
            if p.name in result.values or not p.in_set(set_name) or p.is_switch:
                continue
            pos = p.position_in(set_name)
            if pos is not None:
                slots.append((pos, p))
        slots.sort(key=lambda t: t[0])
        return [p for _, p in slots]

    # ---- pipeline input
    def pipeline_params(self, result: BindingResult) -> list[tuple[Parameter, bool]]:
        """Parameters that can take pipeline input in the candidate sets: (param, by_value)."""
        out = []
        for p in self.md.parameters:
            if p.name in result.values and p.name not in getattr(result, "pipeline_bound", ()):
                continue
            sets = [s for s in result.candidate_sets if p.in_set(s)]
            if not sets:
                continue
            if any(p.pipeline_in(s) for s in sets) or any(p.by_property_name_in(s) for s in sets):
                out.append(p)
        return out

    def _pipeline_plan(self, result: BindingResult) -> list:
        """For the candidate sets (default set first): (set, ByValue params, ByPropertyName params), one entry per
        distinct pair, so that a cmdlet with thirty sets sharing one InputObject tries it once."""
        key = tuple(result.candidate_sets or self.md.sets)
        plans = self.__dict__.setdefault("_plans", {})
        plan = plans.get(key)
        if plan is None:
            plan = []
            seen = set()
            for set_name in sorted(key, key=lambda s: 0 if s == self.md.default_set else 1):
                by_value = tuple(p for p in self.md.parameters if p.in_set(set_name) and p.pipeline_in(set_name))
                by_prop = tuple(p for p in self.md.parameters
                                if p.in_set(set_name) and p.by_property_name_in(set_name))
                sig = (tuple(id(p) for p in by_value), tuple(id(p) for p in by_prop))
                if sig in seen:
                    continue
                seen.add(sig)
                plan.append((set_name, by_value, by_prop))
            plans[key] = plan
        return plan

    def bind_pipeline(self, result: BindingResult, item: Any, get_property: Callable[[Any, str], Any]) -> dict:
        """Bind one pipeline object as pwsh does, set by set (default set first): ByValue without type coercion,
        ByPropertyName without coercion, then ByValue and ByPropertyName with coercion.
        Returns {param name: value}; raises InputObjectNotBound when nothing takes it."""
        on_line = result.values
        for set_name, by_value, by_prop in self._pipeline_plan(result):
            by_value = [p for p in by_value if p.name not in on_line]
            by_prop = [p for p in by_prop if p.name not in on_line]
            props = {}
            for p in by_prop:
                found, value = _property_value(item, p, get_property)
                if found:
                    props[p.name] = value
            bound: dict[str, Any] = {}
            for coerce in (False, True):
                if not any(p.name in bound for p in by_value):
                    for p in by_value:
                        if coerce or _fits_without_coercion(item, p):
                            try:
                                bound[p.name] = self._convert_pipeline(p, item)
                                break
                            except ParameterBindingValidationException:
                                raise
                            except PSException:
                                continue
                for p in by_prop:
                    if p.name in bound or p.name not in props:
                        continue
                    if coerce or _fits_without_coercion(props[p.name], p):
                        try:
                            bound[p.name] = self._convert_pipeline(p, props[p.name])
                        except ParameterBindingValidationException:
                            raise
                        except PSException:
                            continue
            if bound:
                result.parameter_set = set_name
                return bound
        raise self.error(
            "The input object cannot be bound to any parameters for the command either because the command does not "
            "take pipeline input or the input and its properties do not match any of the parameters that take "
            "pipeline input.", "InputObjectNotBound", category="InvalidArgument", target=item)

    def _coerce(self, value: Any, param: Parameter) -> Any:
        """The argument in the parameter's type. A cmdlet's reference-type parameter keeps $null (pwsh's
        CoerceTypeAsNeeded); a script's [string] turns it into '' (its type constraint is a conversion)."""
        if value is None and not self.transforms_arguments and (
                _argument_kind(param.type) != "value" or param.validate_not_null or param.validate_not_null_or_empty):
            # a value-type parameter's $null stays null too, so that [ValidateNotNull] refuses it
            return None
        return self.convert(value, param)

    def _convert_pipeline(self, param: Parameter, value: Any) -> Any:
        try:
            value = self._coerce(value, param)
        except (TypeError, ValueError, AttributeError, OverflowError):
            raise self.error(f"Cannot bind parameter '{param.name}'.", "CannotConvertArgumentNoMessage") from None
        self.validate(param, value)
        if param.mandatory_somewhere:
            self.check_null_or_empty(param, value)
        return value

    # ---- final checks
    def resolve_set(self, result: BindingResult, expects_input: bool) -> str:
        sets = result.candidate_sets or list(self.md.sets)
        if len(sets) == 1:
            return sets[0]
        if self.md.default_set in sets:
            # the default set wins unless its mandatory parameters cannot be satisfied and another set's can
            if self._satisfiable(self.md.default_set, result, expects_input):
                return self.md.default_set
        satisfiable = [s for s in sets if self._satisfiable(s, result, expects_input)]
        if len(satisfiable) == 1:
            return satisfiable[0]
        if satisfiable:
            if self.md.default_set in satisfiable:
                return self.md.default_set
            # prefer the set whose parameters are all among the bound ones
            return satisfiable[0]
        return self.md.default_set if self.md.default_set in sets else sets[0]

    def _satisfiable(self, set_name: str, result: BindingResult, expects_input: bool) -> bool:
        for p in self.md.parameters:
            if p.in_set(set_name) and p.mandatory_in(set_name) and p.name not in result.values:
                if expects_input and (p.pipeline_in(set_name) or p.by_property_name_in(set_name)):
                    continue
                return False
        return True

    def missing_mandatory(self, result: BindingResult, set_name: str, expects_input: bool) -> list[Parameter]:
        missing = []
        for p in self.md.parameters:
            if p.in_set(set_name) and p.mandatory_in(set_name) and p.name not in result.values:
                if expects_input and (p.pipeline_in(set_name) or p.by_property_name_in(set_name)):
                    continue
                missing.append(p)
        return missing


_VALUE_TYPES = frozenset((
    "int", "int32", "long", "int64", "double", "single", "float", "decimal", "bool", "boolean", "byte", "sbyte",
    "int16", "uint16", "uint32", "uint64", "char", "datetime", "timespan", "guid", "switch", "switchparameter",
    "bigint", "biginteger", "uint", "ulong", "short", "ushort", "datetimeoffset",
))


def _argument_kind(type_name: Any) -> str:
    """'array', 'string', 'value' (a .NET value type: never null after conversion) or 'reference'."""
    name = type_name.casefold() if isinstance(type_name, str) else ""
    if name.endswith("[]"):
        return "array"
    name = name.strip("[]")
    if name.startswith("system."):
        name = name[len("system."):]
    if name == "string":
        return "string"
    if name in _VALUE_TYPES or name.startswith("nullable"):
        return "value"
    return "reference"


_PY_TYPES = {"string": str, "system.string": str, "int": int, "int32": int, "system.int32": int, "long": int,
             "double": float, "bool": bool, "hashtable": None, "scriptblock": None}


def _fits_without_coercion(value: Any, param: Parameter) -> bool:
    """Is value already of the parameter's type (no conversion needed)?"""
    type_name = param.type.casefold() if isinstance(param.type, str) else ""
    if type_name.endswith("[]"):
        element = Parameter(param.type[:-2])
        items = value if isinstance(value, list) else [value]
        return all(_fits_without_coercion(v, element) for v in items)
    if type_name in ("", "object", "psobject", "system.object", "system.management.automation.psobject"):
        return True
    if type_name in ("scriptblock", "system.management.automation.scriptblock"):
        from pslark.runtime.scriptblock import ScriptBlock
        return isinstance(value, ScriptBlock)
    py = _PY_TYPES.get(type_name)
    if py is not None:
        return isinstance(value, py) and not (py is int and isinstance(value, bool))
    try:
        from pslark.runtime.types import resolve_type
        t = resolve_type(param.type)
        if t is not None:
            return bool(t.is_instance(value))
    except Exception:   # an unknown type: treat it as needing conversion
        return False
    # a modelled object the type table does not know (Job, Process ...): its own type names say what it is
    names = getattr(value, "type_names", None)
    if callable(names):
        names = names()
    if not isinstance(names, (list, tuple)):
        return False
    return any(isinstance(n, str) and (n.casefold() == type_name or n.casefold().endswith("." + type_name))
               for n in names)


def _property_value(item: Any, param: Parameter, get_property) -> tuple[bool, Any]:
    for name in (param.name,) + param.aliases:
        try:
            found, value = get_property(item, name)
        except PSException:
            continue
        if found:
            return True, value
    return False, None


def _param_text(arg: CommandArgument) -> str:
    return "-" + arg.name + (":" if arg.used_colon else "")


def _type_name(value: Any) -> str:
    try:
        from pslark.runtime.members import type_names
        return type_names(value)[0]
    except Exception:   # messages only
        return type(value).__name__


def _arg_text(value: Any) -> str:
    try:
        from pslark.runtime.conversion import to_string
        return to_string(value)
    except Exception:
        return str(value)
