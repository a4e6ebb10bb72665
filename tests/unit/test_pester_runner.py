"""The Pester runner's semantics (discovery and run, scopes, setup blocks, mocks, TestDrive, filters, result
objects), checked through `Invoke-Pester -PassThru` on small test files."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import run_pslark


def pester(tmp_path: Path, test_file: str, extra: str = "", after: str = "") -> list[str]:
    """Run one test file; return the lines the script prints after the run (`$r` is the run result)."""
    (tmp_path / "Sample.Tests.ps1").write_text(test_file, encoding="utf-8")
    script = (f"$r = Invoke-Pester -Path ./Sample.Tests.ps1 -Output None -PassThru {extra}\n"
              f"\"$($r.PassedCount) $($r.FailedCount) $($r.SkippedCount) $($r.InconclusiveCount) $($r.NotRunCount)\"\n"
              f"{after}")
    result = run_pslark(["-Command", script], cwd=str(tmp_path))
    assert result.stderr == "", result.stderr
    return result.stdout.splitlines()


def test_counts_and_results(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    It 'passes' { 1 | Should -Be 1 }
    It 'fails' { 1 | Should -Be 2 }
    It 'skips' -Skip { }
    It 'is inconclusive' { Set-ItResult -Inconclusive }
}
""", after="$r.Result; $r.Tests[1].Result; $r.Tests[1].ErrorRecord[0].Exception.Message; $r.Containers[0].Result")
    assert out == ["1 1 1 1 0", "Failed", "Failed", "Expected 2, but got 1.", "Failed"]


def test_body_and_before_all_variables_reach_the_tests(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    $fromBody = 'body'
    BeforeAll { $fromSetup = 'setup' }
    Context 'c' {
        BeforeAll { $inner = "$fromSetup+inner" }
        It 'sees all three' {
            $fromBody | Should -Be 'body'
            $fromSetup | Should -Be 'setup'
            $inner | Should -Be 'setup+inner'
        }
    }
}
""")
    assert out == ["1 0 0 0 0"]


def test_setup_and_teardown_order(tmp_path):
    out = pester(tmp_path, """
BeforeAll { $script:log = [System.Collections.ArrayList]::new() }
Describe 'outer' {
    BeforeAll { $null = $log.Add('BeforeAll outer') }
    AfterAll { $null = $log.Add('AfterAll outer') }
    BeforeEach { $null = $log.Add('BeforeEach outer') }
    AfterEach { $null = $log.Add('AfterEach outer') }
    Context 'inner' {
        BeforeEach { $null = $log.Add('BeforeEach inner') }
        AfterEach { $null = $log.Add('AfterEach inner') }
        It 'runs' { $null = $log.Add('It') }
    }
}
AfterAll { $log -join ', ' | Set-Content -Path ./log.txt }
""")
    assert out == ["1 0 0 0 0"]
    assert (tmp_path / "log.txt").read_text().strip() == (
        "BeforeAll outer, BeforeEach outer, BeforeEach inner, It, AfterEach inner, AfterEach outer, AfterAll outer")


def test_tests_do_not_share_variables(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    It 'sets' { $x = 1; $x | Should -Be 1 }
    It 'does not see it' { $x | Should -BeNullOrEmpty }
}
""")
    assert out == ["2 0 0 0 0"]


def test_failing_before_all_fails_the_block_but_not_the_next(tmp_path):
    out = pester(tmp_path, """
Describe 'broken' {
    BeforeAll { throw 'no' }
    It 'a' { }
    It 'b' { }
}
Describe 'fine' {
    It 'c' { }
}
""", after="$r.FailedBlocksCount; $r.FailedBlocks[0].Name")
    assert out == ["1 2 0 0 0", "1", "broken"]


def test_discovery_error_fails_the_container(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    throw 'during discovery'
    It 'never found' { }
}
""", after="$r.FailedContainersCount; $r.TotalCount")
    assert out == ["0 0 0 0 0", "1", "0"]


def test_statement_terminating_errors_end_the_test(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    It 'stops at the error' {
        $script:reached = $false
        Get-Item -Path '/definitely/not/here' -ErrorAction Stop
        $script:reached = $true
    }
    It 'non-terminating errors do not fail it' {
        Write-Error 'just a warning-like error' -ErrorAction SilentlyContinue
    }
}
""")
    assert out == ["1 1 0 0 0"]


def test_soft_assertions_with_error_action_continue(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    It 'collects both' {
        1 | Should -Be 2 -ErrorAction Continue
        3 | Should -Be 4 -ErrorAction Continue
    }
}
""", after="$r.Tests[0].ErrorRecord.Count")
    assert out == ["0 1 0 0 0", "2"]


def test_mocks_are_scoped_to_their_test_or_block(tmp_path):
    out = pester(tmp_path, """
BeforeAll { function Get-Value { 'real' } }
Describe 'd' {
    BeforeAll { Mock Get-Value { 'block' } }
    It 'uses the block mock' { Get-Value | Should -Be 'block' }
    It 'prefers its own' {
        Mock Get-Value { 'test' }
        Get-Value | Should -Be 'test'
    }
    It 'is back to the block mock' { Get-Value | Should -Be 'block' }
}
Describe 'e' {
    It 'sees the real command' { Get-Value | Should -Be 'real' }
}
""")
    assert out == ["4 0 0 0 0"]


def test_parameter_filters_and_call_counts(tmp_path):
    out = pester(tmp_path, """
BeforeAll { function Send-Mail([string]$To, [string]$Subject) { throw 'real mail!' } }
Describe 'd' {
    BeforeAll { Mock Send-Mail { } }
    It 'counts calls by filter' {
        Send-Mail -To 'a@x' -Subject 'hi'
        Send-Mail 'b@x' 'yo'
        Should -Invoke Send-Mail -Times 2 -Exactly
        Should -Invoke Send-Mail -Times 1 -Exactly -ParameterFilter { $To -eq 'b@x' -and $Subject -eq 'yo' }
        Assert-MockCalled Send-Mail -Times 0 -Exactly -ParameterFilter { $To -eq 'nobody' }
    }
    It 'counts per test by default' {
        Should -Invoke Send-Mail -Times 0 -Exactly
        Should -Invoke Send-Mail -Times 2 -Exactly -Scope Describe
    }
    It 'fails the exclusive filter' {
        Send-Mail -To 'c@x'
        Send-Mail -To 'd@x'
        Should -Invoke Send-Mail -ExclusiveFilter { $To -eq 'c@x' }
    }
}
""", after="$r.Tests[2].ErrorRecord[0].Exception.Message")
    assert out == ["2 1 0 0 0", "Expected Send-Mail to only be called with with parameters matching the specified "
                                "filter, but 1 non-matching calls were made"]


def test_mocking_a_cmdlet_keeps_its_parameters(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    It 'binds like the cmdlet' {
        Mock Get-ChildItem { "listing $Path" } -ParameterFilter { $Path -eq '/x' }
        Get-ChildItem /x | Should -Be 'listing /x'
        Should -Invoke Get-ChildItem -Times 1 -Exactly
    }
}
""")
    assert out == ["1 0 0 0 0"]


def test_test_drive_is_cleaned_per_block_and_removed_after(tmp_path):
    out = pester(tmp_path, """
Describe 'd' {
    BeforeAll { Set-Content -Path (Join-Path $TestDrive 'kept.txt') -Value 1 }
    Context 'c' {
        It 'writes' { Set-Content -Path (Join-Path $TestDrive 'temp.txt') -Value 2 }
    }
    It 'sees only the block file' {
        Join-Path $TestDrive 'kept.txt' | Should -Exist
        Join-Path $TestDrive 'temp.txt' | Should -Not -Exist
        $TestDrive | Set-Content -Path ./drive.txt
    }
}
""")
    assert out == ["2 0 0 0 0"]
    drive = (tmp_path / "drive.txt").read_text().strip()
    assert drive and not Path(drive).exists()


def test_filters(tmp_path):
    tests = """
Describe 'd' -Tag 'slow' {
    It 'one' { }
    It 'two' -Tag 'fast' { }
}
Describe 'e' {
    It 'three' { }
}
"""
    assert pester(tmp_path, tests, "-TagFilter fast") == ["1 0 0 0 2"]
    assert pester(tmp_path, tests, "-ExcludeTagFilter slow") == ["1 0 0 0 2"]
    assert pester(tmp_path, tests, "-FullNameFilter 'd.*'") == ["2 0 0 0 1"]


def test_data_driven_names_and_variables(tmp_path):
    out = pester(tmp_path, """
Describe 'shape <Name>' -ForEach @(@{ Name = 'square'; Sides = 4 }) {
    It '<Name> has <Sides> sides, item <_.Sides>' { $Sides | Should -Be 4; $_.Name | Should -Be 'square' }
    It 'value <_>' -ForEach 1, 2 { $_ | Should -BeLessThan 3 }
}
""", after="$r.Tests | ForEach-Object { $_.ExpandedPath }")
    assert out == ["3 0 0 0 0", "shape square.square has 4 sides, item 4", "shape square.value 1",
                   "shape square.value 2"]


def test_nested_invoke_pester(tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "Inner.Tests.ps1").write_text("Describe 'i' { It 'fails' { 1 | Should -Be 2 } }\n")
    out = pester(tmp_path, """
Describe 'outer' {
    It 'runs another Pester run' {
        $inner = Invoke-Pester -Path ./inner -Output None -PassThru
        $inner.FailedCount | Should -Be 1
    }
}
""")
    assert out == ["1 0 0 0 0"]


def test_exit_code_with_ci(tmp_path):
    (tmp_path / "A.Tests.ps1").write_text("Describe 'a' { It 'x' { 1 | Should -Be 2 }; It 'y' { throw 'z' } }\n")
    result = run_pslark(["-Command", "Invoke-Pester -CI -Output None; 'not reached'"], cwd=str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert (tmp_path / "testResults.xml").exists()
    result = run_pslark(["-Command", "Invoke-Pester -Output None; $LASTEXITCODE"], cwd=str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.strip() == "2"


def test_module_mocks_and_in_module_scope(tmp_path):
    (tmp_path / "Store.psm1").write_text(
        "function Get-Price([string]$Item) { (Get-PriceTable)[$Item] }\n"
        "function Get-PriceTable { @{ apple = 1; pear = 2 } }\n"
        "function Get-Secret { 'private' }\n"
        "Export-ModuleMember -Function Get-Price\n")
    out = pester(tmp_path, """
BeforeAll { Import-Module $PSScriptRoot/Store.psm1 -Force }
Describe 'module' {
    It 'mocks a private function with -ModuleName' {
        Mock Get-PriceTable { @{ apple = 100 } } -ModuleName Store
        Get-Price apple | Should -Be 100
        Should -Invoke Get-PriceTable -ModuleName Store -Times 1 -Exactly
    }
    It 'is back to the real one' { Get-Price apple | Should -Be 1 }
    It 'cannot see private functions from the script' { { Mock Get-PriceTable { } } | Should -Throw 'Could not find Command Get-PriceTable' }
    It 'InModuleScope sees them, and its mocks go into the module' {
        InModuleScope Store {
            Get-Secret | Should -Be 'private'
            Mock Get-PriceTable { @{ pear = 9 } }
            Get-Price pear | Should -Be 9
        }
    }
    It 'needs a loaded module' { { InModuleScope Nope { } } | Should -Throw "No modules named 'Nope' are currently loaded." }
}
""")
    assert out == ["5 0 0 0 0"]


def test_test_file_runs_as_a_dot_sourced_script(tmp_path):
    # the file is dot-sourced by path, as Pester does: at its top level $MyInvocation describes the script file
    out = pester(tmp_path, """
$global:seen = '{0} {1} {2}' -f $MyInvocation.MyCommand.Name, $MyInvocation.MyCommand.CommandType,
    ((Split-Path -Parent $MyInvocation.MyCommand.Path) -eq $PSScriptRoot)
Describe 'd' {
    It 'runs' { 1 | Should -Be 1 }
}
""", after="$global:seen")
    assert out == ["1 0 0 0 0", "Sample.Tests.ps1 ExternalScript True"]


def test_testdrive_is_a_drive_while_the_container_runs(tmp_path):
    # TestDrive: (any case) names the same folder as $TestDrive, and is gone once Invoke-Pester returns
    out = pester(tmp_path, """
Describe 'd' {
    It 'writes and reads through the drive' {
        Set-Content -Path TestDrive:/a.txt -Value 'hi'
        Get-Content -Path (Join-Path $TestDrive 'a.txt') | Should -Be 'hi'
        Get-Content -Path TESTDRIVE:\\a.txt | Should -Be 'hi'
        Test-Path -Path testdrive:/a.txt | Should -BeTrue
        (Get-ChildItem -Path TestDrive:/).Name | Should -Be 'a.txt'
        [pscustomobject]@{ x = 1 } | Export-Csv -Path TestDrive:/f.csv
        (Import-Csv -Path TestDrive:/f.csv).x | Should -Be '1'
    }
}
""", after="Test-Path -Path TestDrive:/")
    assert out == ["1 0 0 0 0", "False"]
