# pslark's operators, checked from a PowerShell user's side (expected values are pwsh 7.4's).

Describe 'Arithmetic' {
    It 'the left operand decides the type: <Expression> is <Expected>' -ForEach @(
        @{ Expression = "2 + '3'"; Expected = 5 }
        @{ Expression = "'2' + 3"; Expected = '23' }
        @{ Expression = "'ab' * 3"; Expected = 'ababab' }
        @{ Expression = '7 / 2'; Expected = 3.5 }
        @{ Expression = '6 / 2'; Expected = 3 }
        @{ Expression = '7 % 3'; Expected = 1 }
        @{ Expression = '-7 % 3'; Expected = -1 }
        @{ Expression = '2 * 3 + 4'; Expected = 10 }
    ) {
        Invoke-Expression $Expression | Should -Be $Expected
    }

    It 'integer division results stay integers when exact' {
        (6 / 2) | Should -BeOfType [int]
        (7 / 2) | Should -BeOfType [double]
    }

    It 'overflowing integer arithmetic becomes a double' {
        [int]::MaxValue + 1 | Should -Be 2147483648
        ([int]::MaxValue + 1).GetType().Name | Should -Be 'Double'
        2147483648 | Should -BeOfType [long]
    }

    It '[int] rounds half to even' {
        [int]2.5 | Should -Be 2
        [int]3.5 | Should -Be 4
        [int]-2.5 | Should -Be -2
    }

    It 'divides by zero with an error' {
        { 1 / 0 } | Should -Throw -ExpectedMessage 'Attempted to divide by zero.'
    }

    It 'adds arrays and hashtables' {
        $a = 1, 2
        $a += 3
        $a | Should -Be @(1, 2, 3)
        $h = @{ a = 1 } + @{ b = 2 }
        $h.Count | Should -Be 2
        $h.b | Should -Be 2
    }
}

Describe 'Comparison' {
    It 'is case-insensitive unless the c variant is used' {
        'ABC' -eq 'abc' | Should -BeTrue
        'ABC' -ceq 'abc' | Should -BeFalse
        'abc' -lt 'ABD' | Should -BeTrue
    }

    It 'filters when the left operand is an array' {
        1, 2, 3, 2 -eq 2 | Should -Be @(2, 2)
        @(1, 2, 3) -gt 1 | Should -HaveCount 2
    }

    It 'compares $null on the left as a scalar' {
        $null -eq $null | Should -BeTrue
        $null -eq @() | Should -BeFalse
        @($null, 1) -eq $null | Should -HaveCount 1
    }

    It 'converts the right operand to the left type' {
        1 -eq '1' | Should -BeTrue
        '1.0' -eq 1 | Should -BeFalse
        10 -gt '9' | Should -BeTrue
        '10' -gt '9' | Should -BeFalse
    }

    It '-contains and -in' {
        1, 2, 3 -contains 2 | Should -BeTrue
        'A', 'B' -contains 'b' | Should -BeTrue
        'A', 'B' -ccontains 'b' | Should -BeFalse
        2 -in 1, 2, 3 | Should -BeTrue
        4 -notin 1, 2, 3 | Should -BeTrue
    }

    It '-is and -as' {
        'x' -is [string] | Should -BeTrue
        1 -is [int] | Should -BeTrue
        1 -isnot [string] | Should -BeTrue
        '42' -as [int] | Should -Be 42
        'nope' -as [int] | Should -BeNullOrEmpty
    }
}

Describe 'Wildcards and regular expressions' {
    It '-like and -notlike' {
        'Pester' -like 'p*' | Should -BeTrue
        'Pester' -clike 'p*' | Should -BeFalse
        'Pester' -like 'Pes?er' | Should -BeTrue
        'Pester' -like '[PQ]ester' | Should -BeTrue
        'Pester' -notlike '*x*' | Should -BeTrue
    }

    It '-match sets $Matches' {
        'version 7.4.1' -match '(\d+)\.(\d+)' | Should -BeTrue
        $Matches[0] | Should -Be '7.4'
        $Matches[1] | Should -Be '7'
        'key=value' -match '(?<k>\w+)=(?<v>\w+)' | Should -BeTrue
        $Matches.k | Should -Be 'key'
        $Matches.v | Should -Be 'value'
    }

    It '-replace uses .NET substitutions' {
        'hello world' -replace 'o', '0' | Should -Be 'hell0 w0rld'
        'John Smith' -replace '(\w+) (\w+)', '$2, $1' | Should -Be 'Smith, John'
        'aaa' -creplace 'A', 'b' | Should -Be 'aaa'
    }

    It '-split and -join' {
        'a,b,,c' -split ',' | Should -Be @('a', 'b', '', 'c')
        'a1b2c' -split '\d' | Should -Be @('a', 'b', 'c')
        'a b  c' -split ' ', 2 | Should -Be @('a', 'b  c')
        1, 2, 3 -join '-' | Should -Be '1-2-3'
        -join ('a', 'b') | Should -Be 'ab'
    }
}

Describe 'Other operators' {
    It 'ranges count both ways' {
        1..4 | Should -Be @(1, 2, 3, 4)
        3..1 | Should -Be @(3, 2, 1)
        (1..10).Count | Should -Be 10
    }

    It 'formats with -f' {
        '{0}-{1}' -f 'a', 'b' | Should -Be 'a-b'
        '{0:N2}' -f 1234.5 | Should -Be '1,234.50'
        '{0,5}|' -f 42 | Should -Be '   42|'
        '{0:x}' -f 255 | Should -Be 'ff'
    }

    It 'null-coalescing and ternary' {
        $null ?? 'default' | Should -Be 'default'
        'set' ?? 'default' | Should -Be 'set'
        $x = $null
        $x ??= 5
        $x | Should -Be 5
        (1 -gt 0 ? 'yes' : 'no') | Should -Be 'yes'
    }

    It 'logical operators short-circuit and convert to bool' {
        $true -and $false | Should -BeFalse
        $false -or 'x' | Should -BeTrue
        -not 0 | Should -BeTrue
        !'' | Should -BeTrue
        $true -xor $true | Should -BeFalse
    }

    It 'bitwise operators' {
        5 -band 3 | Should -Be 1
        5 -bor 3 | Should -Be 7
        5 -bxor 3 | Should -Be 6
        1 -shl 4 | Should -Be 16
        -bnot 0 | Should -Be -1
    }

    It 'pipeline chain operators' {
        $out = Write-Output 'a' && Write-Output 'b'
        $out | Should -Be @('a', 'b')
    }

    It 'increments and compound assignment' {
        $i = 1
        $i++
        $i += 10
        $i *= 2
        $i | Should -Be 24
    }
}
