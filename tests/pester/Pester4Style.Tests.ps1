# A test file written the Pester 4 way: state set up directly in the Describe body, the legacy
# `Should Be` syntax next to `Should -Be`, Assert-MockCalled, and $TestDrive used while discovering.

function Get-Inventory {
    param([string]$Path)
    Get-Content -Path $Path | Where-Object { $_ -notmatch '^\s*#' } | ForEach-Object {
        $name, $count = $_ -split '='
        [pscustomobject]@{ Name = $name.Trim(); Count = [int]$count }
    }
}

function Get-Total {
    param([string]$Path)
    (Get-Inventory -Path $Path | Measure-Object -Property Count -Sum).Sum
}

function Send-Report {
    param([string]$To, [string]$Body)
    throw 'Send-Report must be mocked in tests'
}

function Publish-Total {
    param([string]$Path, [string]$To)
    Send-Report -To $To -Body "Total: $(Get-Total -Path $Path)"
}

Describe 'Get-Inventory' {
    $file = Join-Path $TestDrive 'inventory.txt'
    Set-Content -Path $file -Value @('# stock', 'apples = 3', 'pears=4', 'plums = 10')
    $items = Get-Inventory -Path $file

    It 'skips comment lines' {
        $items.Count | Should Be 3
    }

    It 'parses names and counts' {
        $items[0].Name | Should Be 'apples'
        $items[0].Count | Should BeExactly 3
        $items[2].Count | Should -Be 10
    }

    It 'makes integers' {
        $items[1].Count | Should BeOfType [int]
    }

    Context 'totals' {
        It 'adds the counts' {
            Get-Total -Path $file | Should Be 17
            Get-Total -Path $file | Should Not Be 0
        }
    }
}

Describe 'Publish-Total' {
    $file = Join-Path $TestDrive 'stock.txt'
    Set-Content -Path $file -Value 'x = 2'
    Mock Send-Report { 'sent' }

    It 'sends the total' {
        Publish-Total -Path $file -To 'boss@example.com' | Should Be 'sent'
        Assert-MockCalled Send-Report -Times 1 -Exactly -Scope It
        Assert-MockCalled Send-Report -ParameterFilter { $Body -eq 'Total: 2' -and $To -like '*@example.com' }
    }

    It 'fails without the mock' {
        { & (Get-Command Send-Report -CommandType Function).ScriptBlock } | Should Throw '*must be mocked*'
    }
}

Describe 'Legacy operators' {
    It 'supports the classic words' {
        'abc' | Should Match 'B'
        'abc' | Should BeLike 'a*'
        $null | Should BeNullOrEmpty
        1, 2, 3 | Should Contain 2
        { throw 'x' } | Should Throw
        5 | Should BeGreaterThan 4
        5 | Should BeLessThan 6
    }
}

Describe 'Test cases with a param() block' {
    function Get-Fruit {
        param([string]$Name = '*')
        $all = 'apple', 'apricot', 'banana', 'cherry'
        $all | Where-Object { $_ -like $Name }
    }

    It 'Given -Name <Filter>, it returns <Expected>' -TestCases @(
        @{ Filter = 'banana'; Expected = 'banana' }
        @{ Filter = 'ap*'; Expected = 'apple', 'apricot' }
        @{ Filter = 'c*'; Expected = 'cherry' }
    ) {
        param ($Filter, $Expected)
        Get-Fruit -Name $Filter | Should -Be $Expected
    }

    It 'Given an unknown -Name <Filter>, it returns $null' -TestCases @(
        @{ Filter = 'kiwi' }
        @{ Filter = 'x*' }
    ) {
        param ($Filter)
        Get-Fruit -Name $Filter | Should -BeNullOrEmpty
    }

    It 'lists everything by default' {
        (Get-Fruit).Count | Should Be 4
    }
}
