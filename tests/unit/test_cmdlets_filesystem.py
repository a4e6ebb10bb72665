"""FileSystem cmdlets end to end: items, content, paths, Out-File, FileInfo/DirectoryInfo.

"Pester:" cases come from PowerShell/PowerShell test/powershell/Modules/Microsoft.PowerShell.Management/
(Get-ChildItem, Get-Item, Get-Content, Set-Content, Add-Content, Clear-Content, New-Item, Remove-Item,
Copy-Item, Move-Item, Rename-Item, Test-Path, Join-Path, Split-Path, Resolve-Path, Convert-Path .Tests.ps1)
and test/powershell/Modules/Microsoft.PowerShell.Utility/Out-File.Tests.ps1.
"""
from __future__ import annotations

import os

import pytest

from tests.unit.cmdlet_harness import new_context, run as run_cmdlet
from tests.unit.session_helpers import error_ids, run


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "dir1").mkdir()
    (tmp_path / "dir1" / "nested.txt").write_text("n\n")
    (tmp_path / "Dir2").mkdir()
    (tmp_path / "b.txt").write_text("bee\n")
    (tmp_path / "a.log").write_text("ay\n")
    (tmp_path / ".hidden").write_text("h\n")
    return tmp_path


# ---------------------------------------------------------------------------------------------
# Get-ChildItem

def test_gci_names_dirs_first_sorted(tree):
    r = run("Get-ChildItem -Name", str(tree))
    assert r.lines == ["dir1", "Dir2", "a.log", "b.txt"]


def test_gci_force_shows_hidden(tree):
    # Pester: Get-ChildItem "Should list hidden files as well when 'Force' parameter is used"
    r = run("Get-ChildItem -Name -Force", str(tree))
    assert r.lines == ["dir1", "Dir2", ".hidden", "a.log", "b.txt"]
    r = run("Get-ChildItem -Name -Hidden", str(tree))
    assert r.lines == [".hidden"]


def test_gci_file_directory_switches(tree):
    r = run("Get-ChildItem -File -Name; '--'; Get-ChildItem -Directory -Name", str(tree))
    assert r.lines == ["a.log", "b.txt", "--", "dir1", "Dir2"]


def test_gci_recurse_name_and_depth(tree):
    (tree / "dir1" / "deep").mkdir()
    (tree / "dir1" / "deep" / "x.txt").write_text("x")
    r = run("Get-ChildItem -Recurse -Name", str(tree))
    assert r.lines == ["dir1", "Dir2", "a.log", "b.txt", "dir1/deep", "dir1/nested.txt", "dir1/deep/x.txt"]
    r = run("Get-ChildItem -Depth 1 -Name", str(tree))
    assert "dir1/deep/x.txt" not in r.lines and "dir1/nested.txt" in r.lines


def test_gci_filter_include_exclude(tree):
    r = run("Get-ChildItem -Filter *.TXT -Name; '--'; Get-ChildItem * -Include *.log -Name; '--';"
            "Get-ChildItem -Exclude *.txt -Name -File", str(tree))
    assert r.lines == ["b.txt", "--", "a.log", "--", "a.log"]


def test_gci_wildcard_path(tree):
    r = run("Get-ChildItem *.txt -Name; Get-ChildItem [ab].* -Name", str(tree))
    assert r.lines == ["b.txt", "a.log", "b.txt"]


def test_gci_literal_path_brackets(tmp_path):
    # Pester: Get-Item "Using -literalpath should find no additional files"
    (tmp_path / "file[abc].txt").write_text("")
    (tmp_path / "filea.txt").write_text("")
    r = run("Get-ChildItem -LiteralPath 'file[abc].txt' -Name; '--'; Get-ChildItem 'file[abc].txt' -Name", str(tmp_path))
    assert r.lines == ["file[abc].txt", "--", "filea.txt"]


def test_gci_not_found(tree):
    r = run("Get-ChildItem nope; 'next'", str(tree))
    assert f"Cannot find path '{tree}/nope' because it does not exist." in r.err
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"]
    rec = r.ctx.session.global_scope.variables["error"].value[0]
    assert rec.category_info_text().startswith("ObjectNotFound:") and "ItemNotFoundException" in rec.category_info_text()
    assert r.lines == ["next"]


def test_gci_unknown_drive(tree):
    r = run("Get-ChildItem bogus:/x", str(tree))
    assert "Cannot find drive. A drive with the name 'bogus' does not exist." in r.err
    assert error_ids(r.ctx) == ["DriveNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"]


def test_gci_objects_and_pipeline_to_get_content(tree):
    ctx = new_context(str(tree))
    items = run_cmdlet(ctx, "Get-ChildItem").output
    assert [type(i).__name__ for i in items] == ["DirectoryInfo", "DirectoryInfo", "FileInfo", "FileInfo"]
    r = run("Get-ChildItem *.txt | Get-Content", str(tree))
    assert r.lines == ["bee"]


def test_gci_env_drive(tmp_path):
    os.environ["PSLARK_GCI_TEST"] = "v1"
    try:
        r = run("Get-ChildItem env:PSLARK_GCI_T* -Name", str(tmp_path))
        assert r.lines == ["PSLARK_GCI_TEST"]
    finally:
        del os.environ["PSLARK_GCI_TEST"]


def test_gci_default_view_shape(tree):
    r = run("Get-ChildItem -File", str(tree))
    assert r.lines[0] == ""
    assert r.lines[1] == f"    Directory: {tree}"
    assert r.lines[3].split() == ["UnixMode", "User", "Group", "LastWriteTime", "Size", "Name"]
    assert r.lines[5].startswith("-rw") and r.lines[5].endswith(" 3 a.log")


# ---------------------------------------------------------------------------------------------
# Get-Item

def test_get_item_types(tree):
    # Pester: "Should return the proper Name and BaseType for directory objects vs file system objects"
    ctx = new_context(str(tree))
    d = run_cmdlet(ctx, "Get-Item", ".").value
    f = run_cmdlet(ctx, "Get-Item", "b.txt").value
    assert d.type_names[:2] == ["System.IO.DirectoryInfo", "System.IO.FileSystemInfo"]
    assert f.type_names == ["System.IO.FileInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject",
                            "System.Object"]
    assert d.ps_get("Name") == tree.name and f.ps_get("Length") == 4
    assert f.ps_get("Extension") == ".txt" and f.ps_get("BaseName") == "b"
    assert f.ps_get("DirectoryName") == str(tree) and f.ps_get("FullName") == str(tree / "b.txt")
    assert f.ps_get("PSPath") == "Microsoft.PowerShell.Core\\FileSystem::" + str(tree / "b.txt")
    assert f.ps_get("PSParentPath") == "Microsoft.PowerShell.Core\\FileSystem::" + str(tree)
    assert f.ps_get("PSChildName") == "b.txt" and f.ps_get("PSIsContainer") is False
    assert d.ps_get("PSIsContainer") is True and d.ps_get("Mode") == "d----"
    assert f.ps_get("Mode") == "-----" and f.ps_get("Attributes") == "Normal"
    assert f.ps_get("UnixMode").startswith("-rw")
    assert f.ps_invoke("ToString", []) == str(tree / "b.txt")


def test_get_item_hidden_needs_force(tree):
    # Pester: "Should not return the item unless force is used if hidden"
    r = run("Get-Item .hidden -ErrorAction SilentlyContinue; '--'; (Get-Item .hidden -Force).Name", str(tree))
    assert r.lines == ["--", ".hidden"]


def test_get_item_include_exclude_filter(tmp_path):
    # Pester: Get-Item "Test for Include, Exclude, and Filter"
    (tmp_path / "file1.txt").write_text("")
    (tmp_path / "file2.txt").write_text("")
    ctx = new_context(str(tmp_path))
    names = lambda res: [i.name for i in res.output]  # noqa: E731
    assert names(run_cmdlet(ctx, "Get-Item", "*", Exclude="file2.txt")) == ["file1.txt"]
    assert names(run_cmdlet(ctx, "Get-Item", "*", Include="file2.txt")) == ["file2.txt"]
    assert names(run_cmdlet(ctx, "Get-Item", "*", Filter="*2*")) == ["file2.txt"]
    assert names(run_cmdlet(ctx, "Get-Item", "*", Filter="*.txt", Include="file[12].txt", Exclude="file2.txt")) == \
        ["file1.txt"]


def test_get_item_errors(tmp_path):
    # Pester: "Should return an error if the drive does not exist"
    r = run("Get-Item BadDrive:/BadFile; Get-Item nothere", str(tmp_path))
    assert error_ids(r.ctx) == ["DriveNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
                                "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"]


def test_get_item_root_tostring(tmp_path):
    # Pester: "Should return correct result for ToString() on root of drive"
    ctx = new_context(str(tmp_path))
    assert run_cmdlet(ctx, "Get-Item", "/").value.ps_invoke("ToString", []) == "/"


# ---------------------------------------------------------------------------------------------
# Content

def test_set_get_content_lines(tmp_path):
    r = run("Set-Content f.txt 'one','two'; Add-Content f.txt three; Get-Content f.txt; (Get-Content f.txt).Count",
            str(tmp_path))
    assert (tmp_path / "f.txt").read_text() == "one\ntwo\nthree\n"
    assert r.lines == ["one", "two", "three", "3"]


def test_get_content_single_line_is_scalar_string(tmp_path):
    # Pester: "Should return an Object when listing only a single line"
    (tmp_path / "f").write_text("This is a test content for a file")
    r = run("$c = Get-Content f; $c.GetType().Name; $c.Count", str(tmp_path))
    assert r.lines == ["String", "1"]


def test_get_content_note_properties(tmp_path):
    (tmp_path / "f").write_text("a\nb\n")
    ctx = new_context(str(tmp_path))
    lines = run_cmdlet(ctx, "Get-Content", "f").output
    assert [l.base for l in lines] == ["a", "b"]
    second = lines[1]
    assert second.get_property("ReadCount") == 2
    assert second.get_property("PSChildName") == "f"
    assert second.get_property("PSPath") == "Microsoft.PowerShell.Core\\FileSystem::" + str(tmp_path / "f")
    assert second.get_property("PSParentPath") == "Microsoft.PowerShell.Core\\FileSystem::" + str(tmp_path)


def test_get_content_head_tail(tmp_path):
    # Pester: TotalCount / Head / First / Tail / Last
    (tmp_path / "f").write_text("1\n2\n3\n4\n5\n")
    r = run("Get-Content f -TotalCount 2; Get-Content f -Head 1; Get-Content f -First 1; Get-Content f -Tail 2;"
            "Get-Content f -Last 1; Get-Content f -TotalCount 0", str(tmp_path))
    assert r.lines == ["1", "2", "1", "1", "4", "5", "5"]


def test_get_content_tail_and_head_cannot_coexist(tmp_path):
    # Pester: "Should throw TailAndHeadCannotCoexist when both -Tail and -TotalCount are used"
    (tmp_path / "f").write_text("x\n")
    r = run("Get-Content f -Tail 1 -TotalCount 1", str(tmp_path))
    assert error_ids(r.ctx) == ["TailAndHeadCannotCoexist,Microsoft.PowerShell.Commands.GetContentCommand"]


def test_get_content_raw(tmp_path):
    (tmp_path / "f").write_text("a\nb\n")
    (tmp_path / "empty").write_text("")
    ctx = new_context(str(tmp_path))
    raw = run_cmdlet(ctx, "Get-Content", "f", Raw=True).output
    assert len(raw) == 1 and raw[0].base == "a\nb\n"
    # Pester: "Should return no content when an empty path is used with -Raw switch"
    assert run_cmdlet(ctx, "Get-Content", "empty", Raw=True).output == []
    assert run_cmdlet(ctx, "Get-Content", "empty").output == []


def test_get_content_delimiter(tmp_path):
    # Pester: "should Get-Content that matches the input string"
    r = run("Set-Content f 'Hello,llllWorlld','Hello2,llllWorlld2'; (Get-Content f -Delimiter 'll').Count;"
            "Get-Content f -Delimiter ','", str(tmp_path))
    assert r.lines[0] == "9"
    assert r.lines[1:] == ["Hello", "llllWorlld", "Hello2", "llllWorlld2", ""]


def test_get_content_readcount(tmp_path):
    # Pester: "should Get-Content with a variety of -Tail and -ReadCount"
    (tmp_path / "f").write_text("AA\nBB\nCC\nDD\n")
    ctx = new_context(str(tmp_path))
    assert run_cmdlet(ctx, "Get-Content", "f", ReadCount=2).output == [["AA", "BB"], ["CC", "DD"]]
    assert run_cmdlet(ctx, "Get-Content", "f", ReadCount=0).output == [["AA", "BB", "CC", "DD"]]


def test_get_content_errors(tmp_path):
    # Pester: "Should throw an error on a directory" / "Should throw ItemNotFound when path matches no files"
    r = run("Get-Content .; Get-Content /DoesNotExist*.txt; Get-Content nothere.txt", str(tmp_path))
    assert error_ids(r.ctx) == ["GetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand",
                                "ItemNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
                                "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"]
    assert f"Unable to get content because it is a directory: '{tmp_path}'. Please use 'Get-ChildItem' instead." in r.err


def test_get_content_colon_in_name(tmp_path):
    # Pester: "Should support colons in filename on Linux/Mac"
    r = run("Set-Content \"$PWD/f:Stream\" -Value 'Hello'; Get-Content \"$PWD/f:Stream\"; Get-Content 'f:Stream'",
            str(tmp_path))
    assert r.lines == ["Hello"]
    # a bare `f:` is a drive qualifier, and there is no such drive
    assert error_ids(r.ctx) == ["DriveNotFound,Microsoft.PowerShell.Commands.GetContentCommand"]


def test_set_content_nonewline_and_encoding(tmp_path):
    r = run("Set-Content a 'x','y' -NoNewline; Set-Content u 'é' -Encoding unicode; Set-Content b 'é' -Encoding utf8BOM;"
            "Get-Content u; Get-Content b", str(tmp_path))
    assert (tmp_path / "a").read_bytes() == b"xy"
    assert (tmp_path / "u").read_bytes() == b"\xff\xfe\xe9\x00\n\x00"
    assert (tmp_path / "b").read_bytes() == b"\xef\xbb\xbf\xc3\xa9\n"
    assert r.lines == ["é", "é"]


def test_set_content_pipeline_and_passthru(tmp_path):
    r = run("1..3 | Set-Content n.txt; Get-Content n.txt; 'z' | Add-Content n.txt -PassThru", str(tmp_path))
    assert (tmp_path / "n.txt").read_text() == "1\n2\n3\nz\n"
    assert r.lines == ["1", "2", "3", "z"]


def test_set_content_missing_directory(tmp_path):
    r = run("Set-Content nodir/f.txt x", str(tmp_path))
    assert f"Could not find a part of the path '{tmp_path}/nodir/f.txt'." in r.err
    assert error_ids(r.ctx) == ["GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand"]


def test_clear_content(tmp_path):
    # Pester: Clear-Content "should clear the content of a file"
    (tmp_path / "f").write_text("abc")
    r = run("Clear-Content f; (Get-Item f).Length; Clear-Content nope", str(tmp_path))
    assert (tmp_path / "f").read_bytes() == b""
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.ClearContentCommand"]


# ---------------------------------------------------------------------------------------------
# New-Item / Remove-Item / Copy / Move / Rename

def test_new_item_file_and_directory(tmp_path):
    # Pester: New-Item "Should create a file without error" / "folder" / "Value parameter" / Type alias
    ctx = new_context(str(tmp_path))
    f = run_cmdlet(ctx, "New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="file").value
    assert isinstance(f.ps_get("Length"), int) and (tmp_path / "testfile.txt").exists()
    d = run_cmdlet(ctx, "New-Item", Name="newDirectory", Path=str(tmp_path), ItemType="directory").value
    assert d.ps_get("PSIsContainer") and (tmp_path / "newDirectory").is_dir()
    run_cmdlet(ctx, "New-Item", "v.txt", Type="file", Value="This is test string")
    assert (tmp_path / "v.txt").read_text() == "This is test string"
    run_cmdlet(ctx, "New-Item", "dflt")
    assert (tmp_path / "dflt").is_file()


def test_new_item_existing(tmp_path):
    (tmp_path / "f").write_text("keep")
    (tmp_path / "d").mkdir()
    r = run("New-Item f; New-Item d -ItemType Directory; New-Item d -ItemType Directory -Force | Out-Null;"
            "New-Item f -Force | Out-Null", str(tmp_path))
    assert f"The file '{tmp_path}/f' already exists." in r.err
    assert f"An item with the specified name {tmp_path}/d already exists." in r.err
    assert error_ids(r.ctx) == ["NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand",
                                "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand"]
    assert (tmp_path / "f").read_text() == ""


def test_new_item_force_creates_parents(tmp_path):
    r = run("New-Item a/b/c.txt | Out-Null; New-Item a/b/c.txt -Force -Value hi | Out-Null", str(tmp_path))
    assert "Could not find a part of the path" in r.err
    assert (tmp_path / "a" / "b" / "c.txt").read_text() == "hi"


def test_new_item_multiple_paths(tmp_path):
    # Pester: "Should be able to create a multiple items in different directories"
    run("New-Item -ItemType file -Path one.txt, two.txt | Out-Null", str(tmp_path))
    assert (tmp_path / "one.txt").exists() and (tmp_path / "two.txt").exists()


def test_new_item_symlink(tmp_path):
    # Pester: "Should create a symbolic link of a file without error"
    (tmp_path / "target.txt").write_text("t")
    ctx = new_context(str(tmp_path))
    link = run_cmdlet(ctx, "New-Item", "link", ItemType="SymbolicLink", Target=str(tmp_path / "target.txt")).value
    assert link.ps_get("LinkType") == "SymbolicLink" and link.ps_get("Target") == str(tmp_path / "target.txt")
    assert os.path.islink(tmp_path / "link")


def test_new_item_symlink_without_target(tmp_path):
    # Pester: "Should display an error message when a symbolic link target is not specified"
    r = run("New-Item -Name x -ItemType SymbolicLink; 'next'", str(tmp_path))
    assert error_ids(r.ctx) == ["ArgumentNull,Microsoft.PowerShell.Commands.NewItemCommand"]


def test_remove_item(tmp_path):
    (tmp_path / "f").write_text("")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x").write_text("")
    r = run("Remove-Item f; Remove-Item d; Test-Path d; Remove-Item d -Recurse; Test-Path d; Remove-Item nope",
            str(tmp_path))
    assert not (tmp_path / "f").exists() and not (tmp_path / "d").exists()
    assert r.lines == ["True", "False"]
    assert error_ids(r.ctx)[-1] == "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"


def test_remove_item_wildcards(tmp_path):
    for n in ("a.tmp", "b.tmp", "c.keep"):
        (tmp_path / n).write_text("")
    run("Remove-Item *.tmp; Remove-Item *.none", str(tmp_path))
    assert sorted(os.listdir(tmp_path)) == ["c.keep"]


def test_copy_item(tmp_path):
    (tmp_path / "src.txt").write_text("data")
    (tmp_path / "dest").mkdir()
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "f").write_text("f")
    r = run("Copy-Item src.txt copy.txt; Copy-Item src.txt dest; Copy-Item tree tree2 -Recurse;"
            "Copy-Item nope x", str(tmp_path))
    assert (tmp_path / "copy.txt").read_text() == "data"
    assert (tmp_path / "dest" / "src.txt").read_text() == "data"
    assert (tmp_path / "tree2" / "sub" / "f").read_text() == "f"
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.CopyItemCommand"]


def test_copy_item_passthru(tmp_path):
    (tmp_path / "s").write_text("x")
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Copy-Item", "s", "t", PassThru=True)
    assert res.value.ps_get("Name") == "t"


def test_move_item(tmp_path):
    (tmp_path / "m.txt").write_text("m")
    (tmp_path / "into").mkdir()
    (tmp_path / "exists.txt").write_text("e")
    (tmp_path / "other.txt").write_text("o")
    r = run("Move-Item m.txt into; Move-Item other.txt exists.txt", str(tmp_path))
    assert (tmp_path / "into" / "m.txt").read_text() == "m"
    assert "Cannot create a file when that file already exists." in r.err
    run("Move-Item other.txt exists.txt -Force", str(tmp_path))
    assert (tmp_path / "exists.txt").read_text() == "o" and not (tmp_path / "other.txt").exists()


def test_rename_item(tmp_path):
    # Pester: Rename-Item "Rename-Item will rename a file"
    (tmp_path / "old.txt").write_text("o")
    (tmp_path / "taken.txt").write_text("t")
    r = run("Rename-Item old.txt new.txt; Rename-Item new.txt taken.txt; Rename-Item new.txt sub/x.txt", str(tmp_path))
    assert (tmp_path / "new.txt").read_text() == "o"
    assert error_ids(r.ctx) == ["RenameItemIOError,Microsoft.PowerShell.Commands.RenameItemCommand",
                                "Argument,Microsoft.PowerShell.Commands.RenameItemCommand"]
    assert "Cannot rename the specified target, because it represents a path or device name." in r.err


# ---------------------------------------------------------------------------------------------
# Test-Path / Join-Path / Split-Path / Resolve-Path / Convert-Path

def test_test_path_basics(tree):
    # Pester: Test-Path (existing, nonexistent, Leaf/Container, empty string, regex, Include/Exclude)
    r = run("Test-Path .; Test-Path nope; Test-Path b.txt -PathType Leaf; Test-Path . -PathType Leaf;"
            "Test-Path dir1 -PathType Container; Test-Path ''; Test-Path '  '; Test-Path *.txt; Test-Path z*;"
            "Test-Path -LiteralPath '*.txt'; '.' | Test-Path", str(tree))
    assert r.lines == ["True", "False", "True", "False", "True", "False", "False", "True", "False", "False", "True"]


def test_test_path_null(tmp_path):
    # Pester: 'Should write a non-terminating error when given a null path'
    r = run("Test-Path -Path $null; 'next'", str(tmp_path))
    assert error_ids(r.ctx) == ["NullPathNotPermitted,Microsoft.PowerShell.Commands.TestPathCommand"]
    assert r.lines == ["next"]


def test_test_path_is_valid(tmp_path):
    # Pester: IsValid cases
    r = run("Test-Path -Path /a/b/c -IsValid; Test-Path -Path ' :;!@#$%^&*(){}?+|_-' -IsValid;"
            "Test-Path -Path '/totally a valid/path' -IsValid", str(tmp_path))
    assert r.lines == ["True", "False", "True"]


def test_test_path_incomplete_brackets(tmp_path):
    # Pester: "Validate Test-Path scenario where DestinationPath has incomplete brackets"
    for name in ("[", "goose]", "du[[ck", "du][ck", "duck]]"):
        (tmp_path / name).mkdir()
    r = run("Test-Path '['; Test-Path 'du[[ck'; Test-Path 'duck]]'; Test-Path 'du[ck'; Test-Path ']'", str(tmp_path))
    assert r.lines == ["True", "True", "True", "False", "False"]


def test_test_path_other_drives(tmp_path):
    # Pester: "Should return true if used on components other than filesystem objects"
    r = run("Test-Path Alias:\\gci; Test-Path Env:\\PATH; Test-Path variable:PWD; Test-Path env:NOPE_NOT_SET_X",
            str(tmp_path))
    assert r.lines == ["True", "True", "True", "False"]


def test_join_path(tmp_path):
    # Pester: Join-Path "multiple child paths ... remaining arguments", special drive names
    r = run("Join-Path one two three four five; Join-Path 'path/' '/childpath'; Join-Path a,b c; Join-Path 'Env:' foo;"
            "Join-Path 'a\\b' c", str(tmp_path))
    assert r.lines == ["one/two/three/four/five", "path/childpath", "a/c", "b/c", "Env:/foo", "a/b/c"]


def test_join_path_resolve(tmp_path):
    # Pester: "should throw 'PathNotFound' when called with -Resolve and item does not exist" / DriveNotFound
    (tmp_path / "SubDir1").mkdir()
    r = run(f"Join-Path '{tmp_path}' SubDir1 -Resolve; Join-Path Bogus Path -Resolve;"
            "Join-Path bogusdrive:\\\\somedir otherdir -Resolve", str(tmp_path))
    assert r.lines == [str(tmp_path / "SubDir1")]
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.JoinPathCommand",
                                "DriveNotFound,Microsoft.PowerShell.Commands.JoinPathCommand"]


@pytest.mark.parametrize("args,expected", [
    # Pester: Split-Path "Should return the base name when the leaf switch is used"
    ("-Leaf /usr/bin", "bin"), ("-Leaf fs:/usr/local/bin", "bin"), ("-Leaf usr/bin", "bin"), ("-Leaf ./bin", "bin"),
    ("-Leaf bin", "bin"), ("-Leaf 'C:\\Temp\\Folder1'", "Folder1"), ("-Leaf 'C:\\Temp'", "Temp"),
    ("-Leaf '\\\\server1\\share1\\folder'", "folder"), ("-Leaf '\\\\server1\\share1'", "share1"),
    # "Should return the path up to the parent of the directory when Parent switch is used"
    ("-Parent fs:/usr/bin", "fs:/usr"), ("-Parent /usr/bin", "/usr"), ("-Parent /usr/local/bin", "/usr/local"),
    ("-Parent usr/local/bin", "usr/local"), ("-Parent 'C:\\Temp\\Folder1'", "C:/Temp"), ("-Parent 'C:\\Temp'", "C:/"),
    ("-Parent '\\\\server1\\share1\\folder'", "//server1/share1"), ("-Parent '\\\\server1\\share1'", "//server1"),
    ("'C:\\'", ""), ("/usr", "/"),
    # qualifier, noqualifier, isabsolute, leafbase, extension
    ("-Qualifier env:", "env:"), ("-Qualifier env:PATH", "env:"), ("env:PATH -NoQualifier", "PATH"),
    ("-IsAbsolute fs:/usr/bin", "True"), ("-IsAbsolute ..", "False"), ("-IsAbsolute /usr/..", "True"),
    ("-IsAbsolute ~/", "False"), ("-LeafBase /a/b.tar.gz", "b.tar"), ("-Extension /a/b.tar.gz", ".gz"),
    ("-Extension /a/b", ""),
])
def test_split_path(tmp_path, args, expected):
    r = run(f"Split-Path {args}", str(tmp_path))
    assert r.out == expected + "\n", r.err


def test_split_path_qualifier_error(tmp_path):
    # Pester: "Should error when using the qualifier switch and no qualifier in the path"
    r = run("Split-Path -Qualifier /Users; 'next'", str(tmp_path))
    assert "Cannot parse path because path '/Users' does not have a qualifier specified." in r.err
    assert error_ids(r.ctx) == ["ParsePathFormatError,Microsoft.PowerShell.Commands.SplitPathCommand"]


def test_split_path_resolve(tmp_path):
    # Pester: "Should be able to accept regular expression input and output an array for multiple objects"
    (tmp_path / "testfile1.ps1").write_text("")
    (tmp_path / "testfile2.ps1").write_text("")
    r = run("Split-Path (Join-Path $PWD '*file*.ps1') -Leaf -Resolve; 'usr/bin' | Split-Path", str(tmp_path))
    assert r.lines == ["testfile1.ps1", "testfile2.ps1", "usr"]


def test_resolve_path(tmp_path):
    # Pester: Resolve-Path "returns resolved paths", "handles provider qualified paths", invalid location
    (tmp_path / "x.txt").write_text("")
    ctx = new_context(str(tmp_path))
    res = run_cmdlet(ctx, "Resolve-Path", "x.txt")
    assert res.value.type_names[0] == "System.Management.Automation.PathInfo" and str(res.value) == str(tmp_path / "x.txt")
    res = run_cmdlet(ctx, "Resolve-Path", "Filesystem::" + str(tmp_path))
    assert res.value.ps_get("ProviderPath") == str(tmp_path)
    res = run_cmdlet(ctx, "Resolve-Path", "this.directory.is.invalid")
    assert res.error_ids == ["PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"]


def test_resolve_path_relative_and_wildcards(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a1").write_text("")
    (tmp_path / "a2").write_text("")
    r = run("Resolve-Path a* -Relative; Resolve-Path .. -Relative; Set-Location sub; Resolve-Path ../a1 -Relative;"
            "Resolve-Path zz*", str(tmp_path))
    assert r.lines == ["./a1", "./a2", "..", "../a1"]
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"]


def test_convert_path(tmp_path):
    # Pester: Convert-Path "Convert-Path should handle provider qualified paths" / "return the proper path"
    r = run("Convert-Path .; Convert-Path 'Microsoft.PowerShell.Core\\FileSystem::/'; Convert-Path nope", str(tmp_path))
    assert r.lines == [str(tmp_path), "/"]
    assert error_ids(r.ctx) == ["PathNotFound,Microsoft.PowerShell.Commands.ConvertPathCommand"]


# ---------------------------------------------------------------------------------------------
# Out-File

def test_out_file_formats_like_out_default(tmp_path):
    # Pester: Out-File "Should be able to write the contents of a variable to a file"
    r = run("[pscustomobject]@{a=1;b='x'} | Out-File o.txt; 'line2' | Out-File o.txt -Append; Get-Content o.txt -Raw",
            str(tmp_path))
    assert (tmp_path / "o.txt").read_text() == "\na b\n- -\n1 x\n\nline2\n"


def test_out_file_noclobber_and_nonewline(tmp_path):
    # Pester: "Should not overwrite a file when the NoClobber switch is used"
    (tmp_path / "keep.txt").write_text("keep")
    r = run("'x' | Out-File keep.txt -NoClobber; 'a','b' | Out-File nn.txt -NoNewline", str(tmp_path))
    assert (tmp_path / "keep.txt").read_text() == "keep"
    assert f"The file '{tmp_path}/keep.txt' already exists." in r.err
    assert error_ids(r.ctx) == ["NoClobber,Microsoft.PowerShell.Commands.OutFileCommand"]
    assert (tmp_path / "nn.txt").read_text() == "ab"


def test_out_file_encoding_and_width(tmp_path):
    r = run("'é' | Out-File u.txt -Encoding unicode; 'x' * 30 | Out-File w.txt -Width 10", str(tmp_path))
    assert (tmp_path / "u.txt").read_bytes() == b"\xff\xfe\xe9\x00\n\x00"
    assert (tmp_path / "w.txt").read_text() == "x" * 30 + "\n"


def test_out_file_missing_directory(tmp_path):
    r = run("'x' | Out-File nodir/o.txt; 'next'", str(tmp_path))
    assert "Could not find a part of the path" in r.err
    assert r.lines == ["next"]


# ---------------------------------------------------------------------------------------------
# FileInfo / DirectoryInfo members

def test_directory_info_methods(tree):
    ctx = new_context(str(tree))
    d = run_cmdlet(ctx, "Get-Item", ".").value
    assert [f.ps_get("Name") for f in d.ps_invoke("GetFiles", [])] == [".hidden", "a.log", "b.txt"]
    assert [f.ps_get("Name") for f in d.ps_invoke("GetFiles", ["*.txt"])] == ["b.txt"]
    assert [f.ps_get("Name") for f in d.ps_invoke("GetDirectories", [])] == ["dir1", "Dir2"]
    assert d.ps_get("Parent").ps_get("FullName") == str(tree.parent)
    sub = d.ps_invoke("CreateSubdirectory", ["made"])
    assert sub.ps_get("Exists") and (tree / "made").is_dir()
    f = run_cmdlet(ctx, "Get-Item", "b.txt").value
    f.ps_invoke("Delete", [])
    assert not (tree / "b.txt").exists() and f.ps_get("Exists") is False


def test_file_members_from_script(tree):
    r = run("$f = Get-Item b.txt; $f.Name; $f.Length; $f.Extension; $f.Directory.Name; \"$f\";"
            "(Get-ChildItem -File).Count", str(tree))
    assert r.lines == ["b.txt", "4", ".txt", tree.name, str(tree / "b.txt"), "2"]


def test_get_content_other_drives(tmp_path, monkeypatch):
    # Pester: Get-Content "Should be able to get content within a different drive" (env:),
    # 'Verifies -Tail reports a TailNotSupported error for unsupported providers'
    monkeypatch.setenv("PSLARK_GC_TEST", "value-1")
    r = run("Get-Content env:PSLARK_GC_TEST; $v = 'x','y'; Get-Content variable:v; Get-Content alias:gci;"
            "Get-Content env:PSLARK_GC_TEST -Tail 1", str(tmp_path))
    assert r.lines == ["value-1", "x", "y", "Get-ChildItem"]
    assert error_ids(r.ctx) == ["TailNotSupported,Microsoft.PowerShell.Commands.GetContentCommand"]


def test_gci_hidden_file_by_path(tree):
    # Pester: Get-ChildItem "Should find the hidden file if specified with hidden switch"
    r = run("Get-ChildItem .hidden -Hidden -Name; Get-ChildItem .hidden -Force -Name; Get-ChildItem .hidden -Name",
            str(tree))
    assert r.lines == [".hidden", ".hidden"]


def test_gci_env_drive_case_sensitive(tmp_path, monkeypatch):
    # Pester: Get-ChildItem Env: Provider 'can handle mixed case in Env variables' (2 entries on Unix)
    monkeypatch.setenv("__FOOBAR", "foo")
    monkeypatch.setenv("__foobar", "bar")
    ctx = new_context(str(tmp_path))
    entries = [e for e in run_cmdlet(ctx, "Get-ChildItem", "env:").output if e.Key.casefold() == "__foobar"]
    assert sorted(e.Value for e in entries) == ["bar", "foo"]


def test_remove_item_escaped_brackets_and_readonly(tmp_path):
    # Pester: Remove-Item "Should be able to remove file when path contains special char",
    # "Should not be able to remove a read-only document without using the force switch"
    (tmp_path / "[testfile].txt").write_text("")
    ro = tmp_path / "ro.txt"
    ro.write_text("x")
    ro.chmod(0o444)
    r = run("Remove-Item -Path '`[testfile`].txt'; Remove-Item ro.txt; Test-Path ro.txt; Remove-Item ro.txt -Force;"
            "Test-Path ro.txt", str(tmp_path))
    assert not (tmp_path / "[testfile].txt").exists()
    assert r.lines == ["True", "False"]
    assert error_ids(r.ctx) == ["RemoveFileSystemItemUnAuthorizedAccess,Microsoft.PowerShell.Commands.RemoveItemCommand"]


def test_remove_item_include_exclude(tmp_path):
    # Pester: Remove-Item "remove all files matching ... include switch" / "exclude switch"
    for n in ("file1.txt", "file2.txt", "file1.wav", "keep.txt"):
        (tmp_path / n).write_text("")
    run("Remove-Item (Join-Path $PWD 'file*') -Exclude *.wav -Include *.txt", str(tmp_path))
    assert sorted(os.listdir(tmp_path)) == ["file1.wav", "keep.txt"]


def test_empty_path_is_a_binding_error(tmp_path):
    r = run("Get-Item ''; 'next'", str(tmp_path))
    assert "Cannot bind argument to parameter 'Path' because it is an empty string." in r.err
    assert error_ids(r.ctx) == [
        "ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.GetItemCommand"]
    assert r.lines == ["next"]


def test_piped_items_bind_literally(tmp_path):
    # pwsh binds piped FileInfo objects to -LiteralPath through their PSPath, so brackets in names are not patterns
    for n in ("a[1].txt", "a1.txt"):
        (tmp_path / n).write_text("")
    r = run("Get-ChildItem -LiteralPath 'a[1].txt' | Remove-Item; Get-ChildItem -Name; 'a1.txt' | Test-Path", str(tmp_path))
    assert r.lines == ["a1.txt", "True"]


def test_gci_wildcard_leaf_with_recurse(tree):
    # `Get-ChildItem *.txt -Recurse` finds matching names at every depth
    (tree / "dir1" / "deep").mkdir()
    (tree / "dir1" / "deep" / "x.txt").write_text("x")
    r = run("Get-ChildItem *.txt -Recurse -Name; '--'; Get-ChildItem dir1/*.txt -Recurse -Name", str(tree))
    assert r.lines == ["b.txt", "dir1/nested.txt", "dir1/deep/x.txt", "--", "nested.txt", "deep/x.txt"]


def test_set_content_null_truncates(tmp_path):
    (tmp_path / "f").write_text("old\n")
    run("Set-Content f -Value $null; Set-Content g ''", str(tmp_path))
    assert (tmp_path / "f").read_bytes() == b""
    assert (tmp_path / "g").read_bytes() == b"\n"
