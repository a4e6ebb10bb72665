# ForEach-Object -Parallel from a PowerShell user's side (pwsh 7.4 behaviour).

Describe 'ForEach-Object -Parallel' {
    It 'runs the block for every input' {
        $out = 1..5 | ForEach-Object -Parallel { $_ * 10 }
        $out | Sort-Object | Should -Be @(10, 20, 30, 40, 50)
    }

    It 'sets $_ and $PSItem' {
        'a' | ForEach-Object -Parallel { "$_$PSItem" } | Should -Be 'aa'
    }

    It 'does not see caller variables without $using:' {
        $secret = 'x'
        1 | ForEach-Object -Parallel { "[$secret]" } | Should -Be '[]'
    }

    It 'passes $using: values' {
        $prefix = 'item'
        1..3 | ForEach-Object -Parallel { "$using:prefix$_" } | Sort-Object | Should -Be @('item1', 'item2', 'item3')
    }

    It 'passes $using: values by reference' {
        $bag = [System.Collections.Concurrent.ConcurrentBag[int]]::new()
        1..4 | ForEach-Object -Parallel { ($using:bag).Add($_) }
        $bag.Count | Should -Be 4
    }

    It 'refuses common parameters such as -ErrorAction' {
        { 1 | ForEach-Object -Parallel { $_ } -ErrorAction Stop } | Should -Throw -ErrorId '*ParallelCommonParametersNotSupported*'
    }

    It 'refuses a $using: script block' {
        $sb = { 1 }
        { 1 | ForEach-Object -Parallel { $using:sb } } | Should -Throw -ErrorId '*ParallelUsingVariableCannotBeScriptBlock*'
    }

    It 'runs blocks at the same time' {
        # one after the other this would take 4 seconds
        $elapsed = Measure-Command { 1..4 | ForEach-Object -Parallel { Start-Sleep -Seconds 1 } -ThrottleLimit 4 }
        $elapsed.TotalSeconds | Should -BeLessThan 3
    }

    It 'an error in one iteration does not stop the others' {
        $out = 1..3 | ForEach-Object -Parallel { if ($_ -eq 2) { throw 'two' }; $_ } -ErrorVariable errs 2>$null
        $out | Sort-Object | Should -Be @(1, 3)
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PSTaskException'
    }

    It '-AsJob returns a PSTaskJob with one child per input' {
        $job = 1..3 | ForEach-Object -Parallel { $_ } -AsJob
        $job.PSJobTypeName | Should -Be 'PSTaskJob'
        $job.ChildJobs | Should -HaveCount 3
        Receive-Job $job -Wait | Sort-Object | Should -Be @(1, 2, 3)
        Remove-Job $job
    }

    It 'refuses -TimeoutSeconds with -AsJob' {
        { 1 | ForEach-Object -Parallel { $_ } -AsJob -TimeoutSeconds 5 } | Should -Throw -ErrorId '*ParallelCannotUseTimeoutWithJob*'
    }

    It 'stops at -TimeoutSeconds' {
        $elapsed = Measure-Command {
            1 | ForEach-Object -Parallel { Start-Sleep -Seconds 10 } -TimeoutSeconds 1 2>$null
        }
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }
}
