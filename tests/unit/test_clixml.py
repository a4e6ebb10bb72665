"""CLIXML: the serializer's exact XML, the safe reader, and Export-Clixml / Import-Clixml end to end."""
from __future__ import annotations

import datetime
import decimal
import uuid

import pytest

from pslark.interpreter.engine import get_engine
from pslark.runtime import clixml
from pslark.runtime.host import CollectingHost
from pslark.runtime.numbers import Int64
from pslark.runtime.objects import Hashtable, PSChar, PSList, PSObject

HEAD = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'


@pytest.fixture(autouse=True)
def en_us(monkeypatch):
    # as tests/conftest.py's run_pslark: pwsh's culture comes from LANG; the expectations are en-US ones
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def run(script: str) -> tuple[str, str]:
    eng = get_engine()
    host = CollectingHost()
    ctx = eng.new_runspace(host)
    eng.run_text(ctx, script)
    return host.stdout_text, host.stderr_text


# ------------------------------------------------------------------------------------------------
# Writer

def test_primitives_layout():
    text = clixml.serialize(["hi", 1, Int64(2), 1.5, True, None, PSChar("A"), decimal.Decimal("1.25")])
    assert text == "\n".join([
        HEAD, "  <S>hi</S>", "  <I32>1</I32>", "  <I64>2</I64>", "  <Db>1.5</Db>", "  <B>true</B>", "  <Nil />",
        "  <C>65</C>", "  <D>1.25</D>", "</Objs>"])


def test_string_encoding():
    assert clixml.encode_string("a\r\nb") == "a_x000D__x000A_b"
    assert clixml.encode_string("<&>") == "&lt;&amp;&gt;"
    assert clixml.encode_string("_x_") == "_x005F_x_"
    assert clixml.encode_string("\U0001F600") == "_xD83D__xDE00_"
    for s in ("a\r\nb", "<&>", "_x_", "\U0001F600", "tab\there", "plain"):
        assert clixml.decode_string(clixml.encode_string(s).replace("&lt;", "<").replace("&gt;", ">")
                                    .replace("&amp;", "&")) == s


def test_double_and_timespan_and_datetime_text():
    assert clixml.double_r(1e20) == "1E+20"
    assert clixml.double_r(0.1) == "0.1"
    assert clixml.double_r(123456789012345.0) == "123456789012345"
    assert clixml.double_r(1e15) == "1E+15"
    assert clixml.double_r(1e-5) == "1E-05"
    assert clixml.double_r(0.0001) == "0.0001"
    assert clixml.timespan_xml(datetime.timedelta(0)) == "PT0S"
    assert clixml.timespan_xml(datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5)) == "P1DT2H3M4.5S"
    assert clixml.timespan_xml(datetime.timedelta(days=2)) == "P2D"
    assert clixml.timespan_xml(-datetime.timedelta(minutes=1)) == "-PT1M"
    utc = datetime.datetime(2024, 1, 2, 3, 4, 5, 120000, tzinfo=datetime.timezone.utc)
    assert clixml.datetime_roundtrip(utc) == "2024-01-02T03:04:05.12Z"
    assert clixml.parse_duration("P1DT2H3M4.5S") == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5)


def test_custom_object_hashtable_and_array():
    obj = PSObject([("a", 1), ("l", [1, 2]), ("h", Hashtable([("k", "v")]))])
    text = clixml.serialize([obj])
    assert text == "\n".join([
        HEAD,
        '  <Obj RefId="0">',
        '    <TN RefId="0">',
        "      <T>System.Management.Automation.PSCustomObject</T>",
        "      <T>System.Object</T>",
        "    </TN>",
        "    <MS>",
        '      <I32 N="a">1</I32>',
        '      <Obj N="l" RefId="1">',
        '        <TN RefId="1">',
        "          <T>System.Object[]</T>",
        "          <T>System.Array</T>",
        "          <T>System.Object</T>",
        "        </TN>",
        "        <LST>",
        "          <I32>1</I32>",
        "          <I32>2</I32>",
        "        </LST>",
        "      </Obj>",
        '      <Obj N="h" RefId="2">',
        '        <TN RefId="2">',
        "          <T>System.Collections.Hashtable</T>",
        "          <T>System.Object</T>",
        "        </TN>",
        "        <DCT>",
        "          <En>",
        '            <S N="Key">k</S>',
        '            <S N="Value">v</S>',
        "          </En>",
        "        </DCT>",
        "      </Obj>",
        "    </MS>",
        "  </Obj>",
        "</Objs>"])


def test_type_name_and_object_references():
    a = PSObject([("x", 1)])
    text = clixml.serialize([a, a, PSObject([("y", 2)])])
    assert '<Ref RefId="0" />' in text
    assert '<TNRef RefId="0" />' in text


def test_depth_turns_deep_objects_into_strings():
    inner = Hashtable([("c", Hashtable([("d", 1)]))])
    text = clixml.serialize([Hashtable([("a", Hashtable([("b", inner)]))])], depth=2)
    assert '<S N="Value">System.Collections.Hashtable</S>' in text


# ------------------------------------------------------------------------------------------------
# Reader

def test_round_trip_values():
    g = uuid.UUID("12345678-1234-1234-1234-123456789abc")
    values = ["s", 1, Int64(5), 2.5, False, None, datetime.timedelta(seconds=90), g, b"\x00\x01",
              Hashtable([("k", 1)]), PSList([1, "a"]), [3, 4]]
    back = clixml.deserialize(clixml.serialize(values))
    assert back[:9] == values[:9]
    assert isinstance(back[4], bool)
    assert back[9]["k"] == 1
    assert list(back[10]) == [1, "a"]
    assert list(back[11]) == [3, 4]


def test_deserialized_objects_get_prefixed_type_names():
    obj = PSObject([("Name", "x")])
    back = clixml.deserialize(clixml.serialize([obj]))[0]
    assert back.type_names == ["Deserialized.System.Management.Automation.PSCustomObject", "Deserialized.System.Object"]
    assert back.get_property("Name") == "x"


def test_reader_rejects_dtd_and_bad_xml():
    with pytest.raises(clixml.ClixmlError):
        clixml.deserialize('<!DOCTYPE x [<!ENTITY a "aaaa">]><Objs Version="1.1.0.1" xmlns="'
                           'http://schemas.microsoft.com/powershell/2004/04"><S>&a;</S></Objs>')
    with pytest.raises(clixml.ClixmlError):
        clixml.deserialize("not xml at all")
    with pytest.raises(clixml.ClixmlError):
        clixml.deserialize("<Other/>")


def test_reader_reads_pwsh_document():
    doc = """<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0">
      <T>System.Diagnostics.Process</T>
      <T>System.ComponentModel.Component</T>
      <T>System.Object</T>
    </TN>
    <ToString>System.Diagnostics.Process (pwsh)</ToString>
    <Props>
      <I32 N="Id">42</I32>
      <S N="ProcessName">pwsh</S>
      <DT N="StartTime">2024-01-02T03:04:05.1234567Z</DT>
    </Props>
    <MS>
      <S N="Note">n_x000A_l</S>
    </MS>
  </Obj>
</Objs>"""
    p = clixml.deserialize(doc)[0]
    assert p.type_names[0] == "Deserialized.System.Diagnostics.Process"
    assert p.get_property("Id") == 42
    assert p.get_property("Note") == "n\nl"
    assert p.get_property("StartTime").year == 2024
    assert p.ps_to_string() == "System.Diagnostics.Process (pwsh)"


# ------------------------------------------------------------------------------------------------
# Cmdlets

def test_export_import_clixml(tmp_path):
    p = tmp_path / "o.xml"
    o, e = run(f"[pscustomobject]@{{ Name = 'x'; N = 42; L = 1, 2 }} | Export-Clixml -Path '{p}'\n"
               f"$i = Import-Clixml -Path '{p}'\n$i.Name\n$i.N\n$i.L -join ','")
    assert e == ""
    assert o == "x\n42\n1,2\n"
    text = p.read_text()
    assert text.startswith(HEAD + "\n")
    assert '<S N="Name">x</S>' in text


def test_export_clixml_pipeline_items_are_top_level(tmp_path):
    p = tmp_path / "n.xml"
    o, e = run(f"1, 'a' | Export-Clixml '{p}'\n(Import-Clixml '{p}').Count")
    assert e == ""
    assert p.read_text() == HEAD + "\n  <I32>1</I32>\n  <S>a</S>\n</Objs>"
    assert o == "2\n"


def test_import_clixml_first_skip_and_errors(tmp_path):
    p = tmp_path / "m.xml"
    o, e = run(f"1..5 | Export-Clixml '{p}'\n(Import-Clixml '{p}' -Skip 1 -First 2) -join ','")
    assert o == "2,3\n"
    o, e = run(f"Import-Clixml '{tmp_path}/missing.xml'")
    assert "Could not find file" in e
    bad = tmp_path / "bad.xml"
    bad.write_text("<nope")
    o, e = run(f"Import-Clixml '{bad}'")
    assert e != ""


def test_export_clixml_no_clobber(tmp_path):
    p = tmp_path / "c.xml"
    p.write_text("keep")
    o, e = run(f"1 | Export-Clixml '{p}' -NoClobber")
    assert "already exists" in e
    assert p.read_text() == "keep"


def test_clixml_path_errors(tmp_path):
    # Pester: clixml.tests.ps1 "Export-CliXml"/"Import-CliXML" with path as Null / Empty string / non filesystem provider
    ns = "Microsoft.PowerShell.Commands."
    cases = [("Export-Clixml -Depth 1 -LiteralPath $null -InputObject 1 -Force",
              "ParameterArgumentValidationErrorNullNotAllowed," + ns + "ExportClixmlCommand"),
             ("Export-Clixml -Depth 1 -LiteralPath '' -InputObject 1 -Force",
              "ParameterArgumentValidationErrorEmptyStringNotAllowed," + ns + "ExportClixmlCommand"),
             ("Export-Clixml -Depth 1 -LiteralPath 'env:\\' -InputObject 1 -Force",
              "ReadWriteFileNotFileSystemProvider," + ns + "ExportClixmlCommand"),
             ("Import-Clixml -LiteralPath $null", "ParameterArgumentValidationErrorNullNotAllowed," + ns +
              "ImportClixmlCommand"),
             ("Import-Clixml -LiteralPath 'env:\\'", "ReadWriteFileNotFileSystemProvider," + ns + "ImportClixmlCommand")]
    for script, fqid in cases:
        o, e = run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}")
        assert o == fqid + "\n", script


def test_export_clixml_whatif_creates_nothing(tmp_path):
    # Pester: clixml.tests.ps1 "test follow-up for WinBlue: 161470 - Export-CliXml errors in WhatIf scenarios"
    target = tmp_path / "nonexist.xml"
    o, e = run(f"Export-Clixml -Path '{target}' -InputObject 'string' -WhatIf")
    assert e == "" and not target.exists()
    assert o == f'What if: Performing the operation "Export-Clixml" on target "{target}".\n'


def test_convertto_convertfrom_clixml():
    # Pester: clixml.tests.ps1 "ConvertTo-CliXml" / "ConvertFrom-CliXml" (pwsh 7.5)
    o, e = run("$c = [pscustomobject]@{a=1} | ConvertTo-CliXml; $c.GetType().Name; ($c | ConvertFrom-CliXml).a\n"
               "$m = 1,2,3 | ConvertTo-CliXml | ConvertFrom-CliXml; $m.Count")
    assert e == ""
    assert o.splitlines() == ["String", "1", "3"]
