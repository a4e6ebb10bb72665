# A test file written the Pester 5 way: code in BeforeAll, data-driven tests with -ForEach and <name>
# templates, BeforeDiscovery, Mock with -ParameterFilter and Should -Invoke, TestDrive, tags.

BeforeDiscovery {
    $cases = @(
        @{ Word = 'level'; IsPalindrome = $true }
        @{ Word = 'Racecar'; IsPalindrome = $true }
        @{ Word = 'pester'; IsPalindrome = $false }
    )
}

BeforeAll {
    function Test-Palindrome([string]$Word) {
        $lower = $Word.ToLower()
        $reversed = ''
        for ($i = $lower.Length - 1; $i -ge 0; $i--) { $reversed += $lower[$i] }
        $reversed -eq $lower
    }

    function Get-Setting([string]$Name) { "real-$Name" }

    function Get-Config {
        [pscustomobject]@{
            Mode  = Get-Setting -Name 'mode'
            Level = Get-Setting -Name 'level'
        }
    }
}

Describe 'Test-Palindrome' -Tag 'Unit' {
    It '<Word> -> <IsPalindrome>' -ForEach $cases {
        Test-Palindrome -Word $Word | Should -Be $IsPalindrome
    }

    It 'treats the empty string as a palindrome' {
        Test-Palindrome -Word '' | Should -BeTrue
    }
}

Describe 'Get-Config' {
    BeforeAll {
        Mock Get-Setting { 'fast' } -ParameterFilter { $Name -eq 'mode' }
        Mock Get-Setting { 'high' }
    }

    It 'uses the settings' {
        $config = Get-Config
        $config.Mode | Should -Be 'fast'
        $config.Level | Should -Be 'high'
    }

    It 'asks for each setting once' {
        $null = Get-Config
        Should -Invoke Get-Setting -Times 2 -Exactly -Scope It
        Should -Invoke Get-Setting -ParameterFilter { $Name -eq 'level' } -Times 1 -Exactly -Scope It
        Should -Not -Invoke Get-Setting -ParameterFilter { $Name -eq 'other' } -Scope It
    }

    Context 'a mock defined in the test' {
        It 'wins over the block''s mock' {
            Mock Get-Setting { 'override' }
            (Get-Config).Level | Should -Be 'override'
        }

        It 'is gone in the next test' {
            (Get-Config).Level | Should -Be 'high'
        }
    }
}

Describe 'Variables in the block hierarchy' {
    BeforeAll {
        $outer = 'outer'
        $counter = [ref]0
    }

    BeforeEach {
        $counter.Value++
        $perTest = "test $($counter.Value)"
    }

    AfterEach {
        $perTest = $null
    }

    It 'sees BeforeAll and BeforeEach values' {
        $outer | Should -Be 'outer'
        $perTest | Should -Be 'test 1'
    }

    It 'gets a fresh BeforeEach run' {
        $perTest | Should -Be 'test 2'
    }

    Context 'inner' {
        BeforeAll {
            $inner = "$outer/inner"
        }

        It 'sees the parent''s values' {
            $inner | Should -Be 'outer/inner'
            $perTest | Should -Be 'test 3'
        }
    }

    It 'keeps variables set in a test to that test' {
        $leak = 'x'
        $leak | Should -Be 'x'
    }

    It 'does not see the previous test''s variables' {
        $leak | Should -BeNullOrEmpty
    }
}

Describe 'TestDrive' {
    BeforeAll {
        $path = Join-Path $TestDrive 'notes.txt'
        Set-Content -Path $path -Value "first`nsecond"
    }

    It 'is a real folder' {
        $TestDrive | Should -Exist
        $path | Should -Exist
        $path | Should -FileContentMatch '^second$'
        $path | Should -Not -FileContentMatchExactly 'FIRST'
    }

    It 'can hold new files' {
        Set-Content -Path (Join-Path $TestDrive 'new.txt') -Value 'x'
        Join-Path $TestDrive 'new.txt' | Should -Exist
    }
}

Describe 'Data-driven blocks' -ForEach @(
    @{ Shape = 'square'; Sides = 4 }
    @{ Shape = 'triangle'; Sides = 3 }
) {
    It 'a <Shape> has <Sides> sides' {
        $Sides | Should -BeGreaterThan 2
        $Shape | Should -Not -BeNullOrEmpty
    }
}

Describe 'Should -Throw details' {
    It 'checks the exception type' {
        { [int]::Parse('x') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
    }

    It 'checks the error id' {
        { Get-Item -Path '/no/such/path' -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound*'
    }

    It 'returns the error with -PassThru' {
        $err = { throw 'details' } | Should -Throw -PassThru
        $err.Exception.Message | Should -Be 'details'
    }
}
