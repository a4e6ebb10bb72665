"""The parameter binder (runtime/binder.py) on its own: named parameters (exact, any case, unique prefix, alias,
`-Name:value`), switches, positions, parameter sets, pipeline input ByValue and ByPropertyName, mandatory
parameters, validation, and pwsh's binding error messages and FullyQualifiedErrorIds."""
from __future__ import annotations

import pytest

from pslark.runtime.binder import NO_VALUE, Binder, CommandArgument
from pslark.runtime.cmdlet import CommandMetadata, Parameter
from pslark.runtime.errors import InvocationInfo, ParameterBindingException, PSException

CMD = "Test-Thing"


def convert(value, param):
    """A small stand-in for the type layer: int, string, arrays, everything else as it is."""
    t = param.type.casefold()
    if t == "int":
        if isinstance(value, int):
            return value
        text = str(value)
        if not text.lstrip("-").isdigit():
            raise PSException(f"Cannot convert value \"{text}\" to type \"System.Int32\". Error: \"The input string "
                              f"'{text}' was not in a correct format.\"")
        return int(text)
    if t == "string":
        return None if value is None else str(value)
    if t.endswith("[]"):
        return value if isinstance(value, list) else [value]
    return value


def binder(*params, default_set=None, allow_unbound=False, invocation=None):
    md = CommandMetadata(CMD, list(params), default_set=default_set)
    return Binder(md, CMD, CMD, convert, allow_unbound=allow_unbound, invocation=invocation)


def named(name, value=NO_VALUE, colon=False):
    return CommandArgument(name, value, used_colon=colon)


def pos(value):
    return CommandArgument(None, value)


def p(type_="object", name=None, **kw):
    return Parameter(type_, name=name, **kw)


def bind(b, *args):
    return b.bind_arguments(list(args)).values


def binding_error(b, *args) -> ParameterBindingException:
    with pytest.raises(ParameterBindingException) as ei:
        b.bind_arguments(list(args))
    return ei.value


# ---------------------------------------------------------------- named parameters

def test_named_parameter_exact_name():
    b = binder(p("string", "Name"), p("int", "Count"))
    assert bind(b, named("Name"), pos("x"), named("Count"), pos("3")) == {"Name": "x", "Count": 3}


def test_named_parameter_is_case_insensitive_and_keeps_declared_casing():
    b = binder(p("string", "Name"))
    assert bind(b, named("nAmE"), pos("x")) == {"Name": "x"}


def test_unique_prefix_selects_the_parameter():
    b = binder(p("string", "Name"), p("int", "Number"))
    assert bind(b, named("Na"), pos("x"), named("nu"), pos(7)) == {"Name": "x", "Number": 7}


def test_ambiguous_prefix_lists_the_candidates():
    b = binder(p("string", "Name"), p("int", "Number"))
    exc = binding_error(b, named("N"), pos("x"))
    assert exc.message == ("Parameter cannot be processed because the parameter name 'N' is ambiguous. "
                           "Possible matches include: -Name -Number.")
    assert exc.error_id == "AmbiguousParameter,Test-Thing"


def test_alias_binds_the_parameter():
    b = binder(p("string", "ComputerName", aliases=("CN",)))
    assert bind(b, named("cn"), pos("host1")) == {"ComputerName": "host1"}


def test_colon_form_takes_the_attached_value():
    b = binder(p("int", "Count"), p("string", "Name", position=0))
    assert bind(b, named("Count", 5, colon=True), pos("x")) == {"Count": 5, "Name": "x"}


def test_common_parameters_by_prefix_and_alias():
    b = binder(p("string", "Name"))
    assert bind(b, named("ErrorA"), pos("Stop"))["ErrorAction"] == "Stop"
    assert bind(b, named("ea"), pos("Ignore"))["ErrorAction"] == "Ignore"
    assert bind(b, named("Verbose"))["Verbose"] is True


def test_own_parameter_wins_a_prefix_shared_with_a_common_parameter():
    b = binder(p("string", "Verb"))
    assert bind(b, named("Verb"), pos("get")) == {"Verb": "get"}


def test_unknown_named_parameter():
    b = binder(p("string", "Name"))
    exc = binding_error(b, named("Bogus"), pos("x"))
    assert exc.message == "A parameter cannot be found that matches parameter name 'Bogus'."
    assert exc.error_id == "NamedParameterNotFound,Test-Thing"


def test_missing_argument_names_the_parameter_type():
    b = binder(p("string", "Name"), p("switch", "Force"))
    exc = binding_error(b, named("Name"), named("Force"))
    assert exc.message == ("Missing an argument for parameter 'Name'. Specify a parameter of type 'System.String' "
                           "and try again.")
    assert exc.error_id == "MissingArgument,Test-Thing"


def test_missing_argument_at_the_end_of_the_command():
    b = binder(p("int", "Count"))
    exc = binding_error(b, named("Count"))
    assert exc.message == ("Missing an argument for parameter 'Count'. Specify a parameter of type 'System.Int32' "
                           "and try again.")


def test_parameter_given_twice():
    b = binder(p("string", "Name"))
    exc = binding_error(b, named("Name"), pos("a"), named("name"), pos("b"))
    assert exc.message == (
        "Cannot bind parameter because parameter 'Name' is specified more than once. To provide multiple values to "
        "parameters that can accept multiple values, use the array syntax. For example, "
        "\"-parameter value1,value2,value3\".")
    assert exc.error_id == "ParameterAlreadyBound,Test-Thing"


# ---------------------------------------------------------------- switches

def test_switch_present_absent_and_colon_false():
    b = binder(p("switch", "Force"), p("string", "Name", position=0))
    assert bind(b, named("Force"))["Force"] is True
    assert "Force" not in bind(b, pos("x"))
    assert bind(b, named("Force", False, colon=True))["Force"] is False


def test_switch_never_takes_the_next_value():
    b = binder(p("switch", "Force"), p("string", "Name", position=0))
    assert bind(b, named("Force"), pos("x")) == {"Force": True, "Name": "x"}


# ---------------------------------------------------------------- positions

def test_positional_arguments_follow_position_numbers_not_declaration_order():
    b = binder(p("string", "Second", position=1), p("string", "First", position=0))
    assert bind(b, pos("a"), pos("b")) == {"First": "a", "Second": "b"}


def test_named_arguments_take_their_parameters_out_of_the_positions():
    b = binder(p("string", "First", position=0), p("string", "Second", position=1))
    assert bind(b, named("First"), pos("f"), pos("s")) == {"First": "f", "Second": "s"}


def test_extra_positional_argument():
    b = binder(p("string", "Name", position=0))
    exc = binding_error(b, pos("a"), pos("extra"))
    assert exc.message == "A positional parameter cannot be found that accepts argument 'extra'."
    assert exc.error_id == "PositionalParameterNotFound,Test-Thing"


def test_parameters_without_position_are_not_positional():
    b = binder(p("string", "Name"))
    exc = binding_error(b, pos("a"))
    assert exc.message == "A positional parameter cannot be found that accepts argument 'a'."


def test_value_from_remaining_arguments_collects_the_rest():
    b = binder(p("string", "First", position=0), p("object[]", "Rest", remaining=True))
    assert bind(b, pos("a"), pos("b"), pos("c")) == {"First": "a", "Rest": ["b", "c"]}


def test_simple_function_puts_unknown_arguments_in_args():
    b = binder(p("object", "A", position=0), allow_unbound=True)
    result = b.bind_arguments([pos(1), pos(2), named("Other"), pos(3)])
    assert result.values == {"A": 1}
    assert sorted(map(str, result.unbound_args)) == ["-Other", "2", "3"]


# ---------------------------------------------------------------- conversion and validation

def test_conversion_failure_message():
    b = binder(p("int", "Count", position=0))
    exc = binding_error(b, pos("abc"))
    assert exc.message == ("Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int32\". "
                           "Error: \"The input string 'abc' was not in a correct format.\"")
    assert exc.error_id == "CannotConvertArgumentNoMessage,Test-Thing"


def test_conversion_failure_of_a_script_parameter_is_a_transformation_error():
    b = binder(p("int", "n", position=0))
    b.transforms_arguments = True
    exc = binding_error(b, pos("abc"))
    assert exc.message == ("Cannot process argument transformation on parameter 'n'. Cannot convert value \"abc\" "
                           "to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct format.\"")
    assert exc.error_id == "ParameterArgumentTransformationError,Test-Thing"


def test_validate_set_is_case_insensitive_and_reports_the_set():
    b = binder(p("string", "Color", position=0, validate_set=("Red", "Green")))
    assert bind(b, pos("green")) == {"Color": "green"}
    exc = binding_error(b, pos("Purple"))
    assert exc.message == (
        "Cannot validate argument on parameter 'Color'. The argument \"Purple\" does not belong to the set "
        "\"Red,Green\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try "
        "the command again.")
    assert exc.error_id == "ParameterArgumentValidationError,Test-Thing"


def test_validate_range_below_and_above():
    b = binder(p("int", "Level", position=0, validate_range=(1, 10)))
    assert bind(b, pos(10)) == {"Level": 10}
    assert binding_error(b, pos(0)).message == (
        "Cannot validate argument on parameter 'Level'. The 0 argument is less than the minimum allowed range of 1. "
        "Supply an argument that is greater than or equal to 1 and then try the command again.")
    assert binding_error(b, pos(11)).message == (
        "Cannot validate argument on parameter 'Level'. The 11 argument is greater than the maximum allowed range "
        "of 10. Supply an argument that is less than or equal to 10 and then try the command again.")


def test_validate_not_null_or_empty():
    b = binder(p("string", "Name", position=0, validate_not_null_or_empty=True))
    assert binding_error(b, pos("")).message == (
        "Cannot validate argument on parameter 'Name'. The argument is null or empty. Provide an argument that is "
        "not null or empty, and then try the command again.")
    # ValidateNotNullOrEmptyAttribute refuses $null with its own text (Metadata.ValidateNotNullOrEmptyFailure)
    assert binding_error(b, pos(None)).message == (
        "Cannot validate argument on parameter 'Name'. The argument is null or empty. Provide an argument that is "
        "not null or empty, and then try the command again.")
    b = binder(p("string", "Name", position=0, validate_not_null=True))
    assert binding_error(b, pos(None)).message == (
        "Cannot validate argument on parameter 'Name'. The argument is null. Provide a valid value for the "
        "argument, and then try running the command again.")


# ---------------------------------------------------------------- parameter sets

def _sets_binder():
    return binder(
        p("string", "Path", position=0, sets=("Path",)),
        p("string", "LiteralPath", sets=("Literal",), aliases=("LP",)),
        p("switch", "Recurse"),
        default_set="Path")


def test_default_set_when_nothing_decides():
    b = _sets_binder()
    result = b.bind_arguments([named("Recurse")])
    assert b.resolve_set(result, expects_input=False) == "Path"


def test_a_named_parameter_selects_its_set():
    b = _sets_binder()
    result = b.bind_arguments([named("LP"), pos("/x")])
    assert result.values == {"LiteralPath": "/x"}
    assert b.resolve_set(result, expects_input=False) == "Literal"


def test_parameters_of_different_sets_cannot_be_combined():
    b = _sets_binder()
    exc = binding_error(b, named("Path"), pos("a"), named("LiteralPath"), pos("b"))
    assert exc.message == (
        "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
        "cannot be used together or an insufficient number of parameters were provided.")
    assert exc.error_id == "AmbiguousParameterSet,Test-Thing"


def test_positions_come_from_the_selected_set():
    b = binder(
        p("string", "Name", position=0, sets=("ByName",)),
        p("string", "Id", position=0, sets=("ById",)),
        p("switch", "Exact", sets=("ById",)),
        default_set="ByName")
    assert bind(b, pos("abc")) == {"Name": "abc"}
    assert bind(b, named("Exact"), pos("abc")) == {"Exact": True, "Id": "abc"}


def test_positional_binding_prefers_the_set_that_needs_no_conversion():
    b = binder(
        p("int", "Id", position=0, sets=("ById",)),
        p("string", "Name", position=0, sets=("ByName",)),
        default_set="ById")
    assert bind(b, pos(42)) == {"Id": 42}
    assert bind(b, pos("abc")) == {"Name": "abc"}
    assert bind(b, pos("42")) == {"Name": "42"}


def test_positional_binding_tries_the_next_set_when_conversion_fails():
    b = binder(
        p("int", "Id", position=0, sets=("ById",)),
        p("int[]", "Ids", position=0, sets=("ByIds",)),
        default_set="ById")
    assert bind(b, pos("7")) == {"Id": 7}


# ---------------------------------------------------------------- mandatory parameters

def test_missing_mandatory_parameters_are_reported_in_declaration_order():
    b = binder(p("string", "Name", mandatory=True), p("int", "Count", mandatory=True), p("string", "Note"))
    result = b.bind_arguments([named("Note"), pos("n")])
    set_name = b.resolve_set(result, expects_input=False)
    assert [m.name for m in b.missing_mandatory(result, set_name, expects_input=False)] == ["Name", "Count"]


def test_a_mandatory_pipeline_parameter_is_not_missing_when_input_is_expected():
    b = binder(p("object", "InputObject", mandatory=True, pipeline=True))
    result = b.bind_arguments([])
    set_name = b.resolve_set(result, expects_input=True)
    assert b.missing_mandatory(result, set_name, expects_input=True) == []
    assert [m.name for m in b.missing_mandatory(result, set_name, expects_input=False)] == ["InputObject"]


# ---------------------------------------------------------------- pipeline input

def _no_properties(item, name):
    return False, None


def _dict_properties(item, name):
    for k, v in item.items():
        if k.casefold() == name.casefold():
            return True, v
    return False, None


def test_pipeline_by_value_with_conversion():
    b = binder(p("int", "Value", pipeline=True))
    result = b.bind_arguments([])
    assert b.bind_pipeline(result, "21", _no_properties) == {"Value": 21}


def test_pipeline_by_property_name_and_alias():
    b = binder(p("string", "Name", by_property_name=True), p("int", "Size", by_property_name=True,
                                                            aliases=("Length",)))
    result = b.bind_arguments([])
    bound = b.bind_pipeline(result, {"name": "file.txt", "Length": "12"}, _dict_properties)
    assert bound == {"Name": "file.txt", "Size": 12}


def test_pipeline_input_that_binds_nowhere():
    b = binder(p("int", "Value", pipeline=True))
    result = b.bind_arguments([])
    with pytest.raises(ParameterBindingException) as ei:
        b.bind_pipeline(result, "not a number", _no_properties)
    assert ei.value.message == (
        "The input object cannot be bound to any parameters for the command either because the command does not "
        "take pipeline input or the input and its properties do not match any of the parameters that take pipeline "
        "input.")
    assert ei.value.error_id == "InputObjectNotBound,Test-Thing"


def test_parameter_bound_on_the_command_line_is_not_bound_from_the_pipeline():
    b = binder(p("string", "Name", pipeline=True, position=0), p("string", "Other", pipeline=True))
    result = b.bind_arguments([pos("given")])
    assert result.values == {"Name": "given"}
    assert b.bind_pipeline(result, "piped", _no_properties) == {"Other": "piped"}


# ---------------------------------------------------------------- the error record points at the call site

def test_binding_errors_name_the_command_and_point_at_the_argument():
    call = InvocationInfo(CMD, extent="whole command")
    b = binder(p("string", "Name"), invocation=call)
    bad = CommandArgument("Bogus", "x", extent="-Bogus token")
    with pytest.raises(ParameterBindingException) as ei:
        b.bind_arguments([bad])
    inv = ei.value.error_record.invocation_info
    assert (inv.my_command, inv.extent) == (CMD, "-Bogus token")


def test_binding_errors_without_an_argument_point_at_the_command():
    call = InvocationInfo(CMD, extent="whole command")
    b = binder(p("string", "Name", mandatory=True), invocation=call)
    exc = b.error("Cannot process command because of one or more missing mandatory parameters: Name.",
                  "MissingMandatoryParameter")
    assert exc.error_id == "MissingMandatoryParameter,Test-Thing"
    assert exc.error_record.invocation_info.extent == "whole command"


# ---------------------------------------------------------------- mandatory parameters refuse $null, '' and @()

def _validation_error(b, *args):
    exc = binding_error(b, *args)
    assert exc.category == "InvalidData"
    assert type(exc).__name__ == "ParameterBindingValidationException"
    return exc.error_id, exc.message


def test_mandatory_string_refuses_null_and_empty_string():
    b = binder(p("string", "Name", mandatory=True))
    assert _validation_error(b, named("Name", None)) == (
        f"ParameterArgumentValidationErrorNullNotAllowed,{CMD}", "Cannot bind argument to parameter 'Name' because "
        "it is null.")
    assert _validation_error(b, named("Name", "")) == (
        f"ParameterArgumentValidationErrorEmptyStringNotAllowed,{CMD}", "Cannot bind argument to parameter 'Name' "
        "because it is an empty string.")


def test_mandatory_array_refuses_an_empty_array_and_null_or_empty_elements():
    b = binder(p("string[]", "Path", mandatory=True))
    assert _validation_error(b, named("Path", []))[0] == f"ParameterArgumentValidationErrorEmptyArrayNotAllowed,{CMD}"
    assert _validation_error(b, named("Path", ["a", ""]))[1] == \
        "Cannot bind argument to parameter 'Path' because it is an empty string."
    assert _validation_error(b, named("Path", ["a", None]))[0] == \
        f"ParameterArgumentValidationErrorNullNotAllowed,{CMD}"


def test_allow_attributes_and_optional_parameters_let_them_through():
    b = binder(p("string[]", "Path", mandatory=True, allow_null=True, allow_empty_string=True,
                 allow_empty_collection=True), p("string", "Other"))
    assert bind(b, named("Path", None)) == {"Path": None}
    assert bind(b, named("Path", [])) == {"Path": []}
    assert bind(b, named("Path", [""]), named("Other", "")) == {"Path": [""], "Other": ""}


def test_value_types_and_objects_are_only_checked_for_null():
    b = binder(p("int[]", "Id", mandatory=True), p("object", "InputObject", mandatory=True))
    assert bind(b, named("Id", [1]), named("InputObject", "")) == {"Id": [1], "InputObject": ""}
    assert _validation_error(b, named("Id", [1]), named("InputObject", None))[0] == \
        f"ParameterArgumentValidationErrorNullNotAllowed,{CMD}"


def test_a_parameter_mandatory_in_one_set_is_checked_in_every_set():
    b = binder(p("string", "Name", sets=("A", "B"), per_set={"A": {"mandatory": True}}))
    assert _validation_error(b, named("Name", ""))[0] == f"ParameterArgumentValidationErrorEmptyStringNotAllowed,{CMD}"


def test_pipeline_null_for_a_mandatory_parameter_is_a_validation_error():
    b = binder(p("string[]", "Path", mandatory=True, pipeline=True))
    result = b.bind_arguments([])
    result.candidate_sets = ["__AllParameterSets"]
    with pytest.raises(ParameterBindingException) as ei:
        b.bind_pipeline(result, None, lambda item, name: (False, None))
    assert ei.value.error_id == f"ParameterArgumentValidationErrorNullNotAllowed,{CMD}"
