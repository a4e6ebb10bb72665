"""Registered views (pwsh-output.md §5, pwsh-jobs.md §2/§5): Job, Process, Service, FileInfo, GroupInfo,
MatchInfo, TimeSpan, DateTime, GenericMeasureInfo, Get-Member, CultureInfo, Version, PSComputerName rules."""
from __future__ import annotations

import datetime

import pytest

from pslark.runtime.culture import get_culture, invariant_culture
from pslark.runtime.formatting import OutDefault, format_list, format_table, out_string, view_for
from pslark.runtime.formatting.values import to_text
from pslark.runtime.formatting.views import ListView, TableView
from pslark.runtime.objects import PSObject

EN = get_culture("en-US")
DE = get_culture("de-DE")
INV = invariant_culture()


def render(objs, width=79, culture=EN, **kw):
    o = OutDefault(width, culture, **kw)
    lines = []
    for x in objs:
        lines += o.write(x)
    lines += o.close()
    return "\n".join(lines) + "\n"


class Fake:
    """A modelled .NET object: `type_names` + `ps_properties`, values as attributes."""
    type_names: list = ["System.Object"]
    ps_properties: list = []

    def __init__(self, **values):
        for k, v in values.items():
            setattr(self, k, v)


class Job(Fake):
    type_names = ["System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job", "System.Object"]
    ps_properties = ["Id", "Name", "PSJobTypeName", "State", "HasMoreData", "Location", "Command", "ChildJobs"]


class ThreadJob(Job):
    type_names = ["ThreadJob.ThreadJob", "System.Management.Automation.Job2", "System.Management.Automation.Job",
                  "System.Object"]


def job(i, kind="BackgroundJob", state="Completed", more=True, loc="localhost", cmd="'OK'"):
    return Job(Id=i, Name=f"Job{i}", PSJobTypeName=kind, State=state, HasMoreData=more, Location=loc, Command=cmd)


JOB_HEADER_79 = "Id     Name            PSJobTypeName   State         HasMoreData     Location"


def test_job_view_at_79_drops_command_and_cuts_location():
    out = render([job(1), job(3, loc="a-very-long-computer-name")]).split("\n")
    assert out[0] == ""
    assert out[1] == JOB_HEADER_79
    # Command is hidden and Location cut to 10 cells; pwsh pads the last *visible* column when the last declared
    # column is hidden (TableWriter.GenerateRow), so the dash line and rows end in padding
    assert out[2] == "--     ----            -------------   -----         -----------     --------  "
    assert out[3] == "1      Job1            BackgroundJob   Completed     True            localhost "
    assert out[4] == "3      Job3            BackgroundJob   Completed     True            a-very-lo\u2026"
    assert out[5:] == ["", ""]


def test_job_view_wide_console():
    out = render([job(1)], width=119)
    assert out == ("\nId     Name            PSJobTypeName   State         HasMoreData     Location             Command\n"
                   "--     ----            -------------   -----         -----------     --------             -------\n"
                   "1      Job1            BackgroundJob   Completed     True            localhost            'OK'\n\n")


def test_job_subtypes_and_deserialized_jobs_use_job_view():
    tj = ThreadJob(Id=1, Name="Job1", PSJobTypeName="ThreadJob", State="Running", HasMoreData=False,
                   Location="PowerShell", Command="Start-Sleep 5\nWrite-Output x")
    d = PSObject([("Id", 2), ("Name", "Job2"), ("PSJobTypeName", "BackgroundJob"), ("State", "Failed"),
                  ("HasMoreData", False), ("Location", "localhost"), ("Command", "x")],
                 type_names=["Deserialized.System.Management.Automation.PSRemotingJob",
                             "Deserialized.System.Management.Automation.Job", "Deserialized.System.Object"])
    lines = render([tj, d], width=119).split("\n")
    assert lines[3] == "1      Job1            ThreadJob       Running       False           PowerShell           Start-Sleep 5\u2026"
    assert lines[4] == "2      Job2            BackgroundJob   Failed        False           localhost            x"


def test_job_view_lookup():
    assert view_for(Job.type_names).name == "Job"
    assert view_for(["Deserialized.System.Management.Automation.Job"]).name == "Job"
    assert view_for(["System.Management.Automation.PSCustomObject", "System.Object"]) is None


class Process(Fake):
    type_names = ["System.Diagnostics.Process", "System.ComponentModel.Component", "System.Object"]
    ps_properties = ["NPM", "PM", "WS", "CPU", "Id", "SI", "ProcessName"]


def test_process_view():
    p = Process(NPM=12345, PM=104857600, WS=52428800, CPU=1.234, Id=4242, SI=0, ProcessName="pwsh")
    q = Process(NPM=2048, PM=1288490188.8, WS=0, CPU=None, Id=1, SI=0, ProcessName="systemd")
    assert render([p, q]) == (
        "\n NPM(K)    PM(M)      WS(M)     CPU(s)      Id  SI ProcessName\n"
        " ------    -----      -----     ------      --  -- -----------\n"
        "     12   100.00      50.00       1.23    4242   0 pwsh\n"
        "      2 1,228.80       0.00       0.00       1   0 systemd\n\n")


def test_process_view_german_numbers():
    p = Process(NPM=0, PM=1288490188.8, WS=0, CPU=0.5, Id=1, SI=0, ProcessName="x")
    assert " 1.228,80 " in render([p], culture=DE)


class Service(Fake):
    type_names = ["System.ServiceProcess.ServiceController", "System.Object"]
    ps_properties = ["Status", "Name", "DisplayName", "ServiceType"]


def test_service_view():
    s = Service(Status="Running", Name="ssh", DisplayName="OpenBSD Secure Shell server and some very long suffix")
    assert render([s]) == ("\nStatus   Name               DisplayName\n------   ----               -----------\n"
                           "Running  ssh                OpenBSD Secure Shell server and some \u2026\n\n")


class FileInfo(Fake):
    type_names = ["System.IO.FileInfo", "System.IO.FileSystemInfo", "System.Object"]
    ps_properties = ["UnixMode", "User", "Group", "LastWriteTime", "Size", "Name", "PSParentPath", "Length", "Mode"]


class DirectoryInfo(FileInfo):
    type_names = ["System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.Object"]


T = datetime.datetime(2026, 8, 20, 21, 18, 5)


def fi(name, size=5, parent="Microsoft.PowerShell.Core\\FileSystem::/tmp/demo"):
    return FileInfo(UnixMode="-rw-r--r--", User="root", Group="root", LastWriteTime=T, Size=size, Name=name,
                    PSParentPath=parent, Length=size, Mode="-----")


def di(name, parent="Microsoft.PowerShell.Core\\FileSystem::/tmp/demo"):
    return DirectoryInfo(UnixMode="drwxr-xr-x", User="root", Group="root", LastWriteTime=T, Size=4096, Name=name,
                         PSParentPath=parent, Mode="d----")


def test_filesystem_unix_view_with_directory_header():
    # widths UnixMode 10, User 10, Group 10, LastWriteTime 16 ("{0:d} {0:HH}:{0:mm}" of 9999-12-31), Size 12;
    # pwsh-output.md's sample row has one space more than these widths give (it is marked "verify")
    assert render([di("sub"), fi("a.txt")], culture=INV) == (
        "\n    Directory: /tmp/demo\n\n"
        "UnixMode         User Group         LastWriteTime         Size Name\n"
        "--------         ---- -----         -------------         ---- ----\n"
        "drwxr-xr-x       root root       08/20/2026 21:18         4096 sub\n"
        "-rw-r--r--       root root       08/20/2026 21:18            5 a.txt\n\n")


def test_filesystem_en_us_date_and_second_group():
    out = render([fi("a.txt"), fi("b.txt", parent="Microsoft.PowerShell.Core\\FileSystem::/tmp/other")])
    assert out == (
        "\n    Directory: /tmp/demo\n\n"
        "UnixMode         User Group         LastWriteTime         Size Name\n"
        "--------         ---- -----         -------------         ---- ----\n"
        "-rw-r--r--       root root        8/20/2026 21:18            5 a.txt\n"
        "\n    Directory: /tmp/other\n\n"
        "UnixMode         User Group         LastWriteTime         Size Name\n"
        "--------         ---- -----         -------------         ---- ----\n"
        "-rw-r--r--       root root        8/20/2026 21:18            5 b.txt\n\n")


def test_filesystem_long_name_wraps():
    lines = render([fi("n" * 20)], culture=INV).split("\n")
    assert lines[5] == "-rw-r--r--       root root       08/20/2026 21:18            5 " + "n" * 16
    assert lines[6] == " " * 63 + "nnnn"


class GroupInfo(Fake):
    type_names = ["Microsoft.PowerShell.Commands.GroupInfo", "System.Object"]
    ps_properties = ["Values", "Count", "Group", "Name"]


def test_group_info_view():
    g1 = GroupInfo(Count=2, Name="a", Group=["a", "a"], Values=["a"])
    g2 = GroupInfo(Count=5, Name="b", Group=["b"] * 5, Values=["b"])
    assert render([g1, g2]) == ("\nCount Name                      Group\n----- ----                      -----\n"
                                "    2 a                         {a, a}\n"
                                "    5 b                         {b, b, b, b\u2026}\n\n")


class MemberDefinition(Fake):
    type_names = ["Microsoft.PowerShell.Commands.MemberDefinition", "System.Object"]
    ps_properties = ["TypeName", "Name", "MemberType", "Definition"]


def test_get_member_view_grouped_and_autosized():
    rows = [MemberDefinition(TypeName="System.String", Name="Clone", MemberType="Method",
                             Definition="System.Object Clone(), System.Object ICloneable.Clone()"),
            MemberDefinition(TypeName="System.String", Name="Length", MemberType="Property",
                             Definition="int Length {get;}"),
            MemberDefinition(TypeName="System.Int32", Name="CompareTo", MemberType="Method",
                             Definition="int CompareTo(System.Object value)")]
    assert render(rows) == (
        "\n   TypeName: System.String\n\n"
        "Name   MemberType Definition\n"
        "----   ---------- ----------\n"
        "Clone  Method     System.Object Clone(), System.Object ICloneable.Clone()\n"
        "Length Property   int Length {get;}\n"
        "\n   TypeName: System.Int32\n\n"
        "Name      MemberType Definition\n"
        "----      ---------- ----------\n"
        "CompareTo Method     int CompareTo(System.Object value)\n\n")


def test_timespan_list_view():
    out = render([datetime.timedelta(seconds=90)])
    assert out == ("\nDays              : 0\nHours             : 0\nMinutes           : 1\nSeconds           : 30\n"
                   "Milliseconds      : 0\nTicks             : 900000000\nTotalDays         : 0.00104166666666667\n"
                   "TotalHours        : 0.025\nTotalMinutes      : 1.5\nTotalSeconds      : 90\n"
                   "TotalMilliseconds : 90000\n\n")


def test_timespan_in_a_cell_is_its_string():
    assert to_text(datetime.timedelta(seconds=90)) == "00:01:30"
    assert to_text(datetime.timedelta(days=-1, seconds=1)) == "-23:59:59"
    assert to_text(datetime.timedelta(days=2, microseconds=5)) == "2.00:00:00.0000050"


def test_datetime_view_cultures():
    dt = datetime.datetime(2026, 8, 20, 21, 18, 18)
    assert render([dt], culture=EN) == "\nThursday, August 20, 2026 9:18:18\u202fPM\n\n"
    assert render([dt], culture=INV) == "\nThursday, 20 August 2026 21:18:18\n\n"
    assert render([dt], culture=DE) == "\nDonnerstag, 20. August 2026 21:18:18\n\n"


def test_datetime_display_hint():
    dt = datetime.datetime(2026, 8, 20, 21, 18, 18)
    d = PSObject([("DisplayHint", "Date")], type_names=["System.DateTime", "System.ValueType", "System.Object"],
                 base=dt)
    assert render([d], culture=INV) == "\nThursday, 20 August 2026\n\n"


def test_datetime_in_cell_uses_g_pattern():
    dt = datetime.datetime(2026, 8, 20, 21, 18, 18)
    assert to_text(dt, EN) == "8/20/2026 9:18:18\u202fPM"
    assert to_text(dt, INV) == "08/20/2026 21:18:18"


class MeasureInfo(Fake):
    type_names = ["Microsoft.PowerShell.Commands.GenericMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo",
                  "System.Object"]
    ps_properties = ["Property", "Count", "Average", "Sum", "Maximum", "Minimum", "StandardDeviation"]


def test_measure_object_list_with_property_last():
    m = MeasureInfo(Count=3, Average=None, Sum=None, Maximum=None, Minimum=None, StandardDeviation=None, Property=None)
    assert render([m]) == ("\nCount             : 3\nAverage           : \nSum               : \n"
                           "Maximum           : \nMinimum           : \nStandardDeviation : \nProperty          : \n\n")


def test_culture_info_view():
    assert render([EN]) == ("\nLCID             Name             DisplayName\n"
                            "----             ----             -----------\n"
                            "1033             en-US            English (United States)\n\n")


class Version(Fake):
    type_names = ["System.Version", "System.Object"]
    ps_properties = ["Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision"]


def test_version_view():
    assert render([Version(Major=7, Minor=4, Build=0, Revision=-1)]) == (
        "\nMajor  Minor  Build  Revision\n-----  -----  -----  --------\n7      4      0      -1\n\n")


def test_guid_view():
    import uuid
    g = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert render([g]) == "\nGuid\n----\n12345678-1234-5678-1234-567812345678\n\n"


class MatchInfo(Fake):
    type_names = ["Microsoft.PowerShell.Commands.MatchInfo", "System.Object"]
    ps_properties = ["Path", "Filename", "LineNumber", "Line", "Pattern", "Context", "Matches"]


def test_match_info_view_relative_path():
    m1 = MatchInfo(Path="/tmp/work/a.txt", Filename="a.txt", LineNumber=3, Line="hello world", Context=None)
    m2 = MatchInfo(Path="InputStream", Filename="InputStream", LineNumber=1, Line="just text", Context=None)
    assert render([m1, m2], location="/tmp/work") == "\na.txt:3:hello world\njust text\n\n"


def test_match_info_emphasis_with_ansi():
    class M:
        Index, Length = 6, 5
    m = MatchInfo(Path="InputStream", Filename="InputStream", LineNumber=1, Line="hello world", Context=None,
                  Matches=[PSObject([("Index", 6), ("Length", 5)])])
    assert "hello \x1b[7mworld\x1b[0m" in render([m], ansi=True)


# -- PSComputerName (pwsh-jobs.md §5) --------------------------------------------------------------------------------

def remote(show, **props):
    o = PSObject(list(props.items()))
    o.add_property("PSComputerName", "server1")
    o.add_property("RunspaceId", "0f7e")
    o.add_property("PSShowComputerName", show)
    return o


def test_invoke_command_results_show_computer_name():
    assert render([remote(True, a=1)]) == "\na PSComputerName RunspaceId\n- -------------- ----------\n1 server1        0f7e\n\n"


def test_start_job_results_hide_computer_name_but_show_runspace_id():
    assert render([remote(False, a=1)]) == "\na RunspaceId\n- ----------\n1 0f7e\n\n"


def test_remote_results_with_two_properties_are_a_list():
    assert render([remote(False, a=1, b=2)]) == "\na          : 1\nb          : 2\nRunspaceId : 0f7e\n\n"


def test_remote_object_with_view_gets_computer_name_column():
    d = PSObject([("LCID", 1033), ("Name", "en-US"), ("DisplayName", "English (United States)"),
                  ("PSComputerName", "server1"), ("RunspaceId", "x"), ("PSShowComputerName", True)],
                 type_names=["Deserialized.System.Globalization.CultureInfo", "Deserialized.System.Object"])
    assert render([d]) == (
        "\nLCID             Name             DisplayName            PSComputerName\n"
        "----             ----             -----------            --------------\n"
        "1033             en-US            English (United State\u2026 server1\n\n")


def test_scalars_from_remote_are_plain():
    assert render(["text", 5]) == "text\n5\n"


# -- Format-List / Format-Wide pick the views of that shape -----------------------------------------------------------

def test_format_list_uses_list_view_for_hashtable_entries():
    from pslark.runtime.objects import OrderedDictionary
    out = out_string(format_list([OrderedDictionary([("a", 1), ("b", 2)])], culture=EN), culture=EN)
    assert out == "\nName  : a\nValue : 1\n\nName  : b\nValue : 2\n\n"


def test_format_table_on_timespan_uses_table_view():
    out = out_string(format_table([datetime.timedelta(seconds=90)], culture=EN), culture=EN)
    assert out == ("\nDays Hours Minutes Seconds Milliseconds\n---- ----- ------- ------- ------------\n"
                   "0    0     1       30      0\n\n")


def test_format_list_on_file_picks_entry_by_type():
    f = fi("a.txt")
    f.LengthString = "5"
    FileInfo.ps_properties = FileInfo.ps_properties + ["LengthString", "CreationTime", "LastAccessTime", "LinkType",
                                                       "Target", "VersionInfo"]
    f.CreationTime = f.LastAccessTime = T
    f.LinkType = f.Target = f.VersionInfo = None
    out = out_string(format_list([f], culture=INV), culture=INV)
    assert out.startswith("\n    Directory: /tmp/demo\n\nName           : a.txt\nLength         : 5\n"
                          "CreationTime   : 08/20/2026 21:18:05\n")


@pytest.mark.parametrize("view", [TableView, ListView])
def test_registry_is_data(view):
    # every registered view is plain data: a name, type names and its columns / items
    from pslark.runtime.formatting.views import VIEWS
    for v in VIEWS:
        assert v.name and v.types


def test_deserialized_object_from_the_serializer():
    from pslark.runtime.wire.serialization import DeserializedObject
    d = DeserializedObject([("a", 1)], ["Deserialized.System.Management.Automation.PSCustomObject",
                                        "Deserialized.System.Object"], string_value="@{a=1}")
    d.add_property("PSComputerName", "localhost")
    d.add_property("RunspaceId", "r1")
    d.add_property("PSShowComputerName", False)
    d.hidden = frozenset({"psshowcomputername", "pscomputername"})
    assert render([d]) == "\na RunspaceId\n- ----------\n1 r1\n\n"
    assert to_text(d) == "@{a=1}"
