# Background jobs from a PowerShell user's side: Start-ThreadJob, Start-Job, Receive-Job, Wait-Job, Remove-Job.
# Expected behaviour is pwsh 7.4's (see shared/reference/pwsh-jobs.md).

Describe 'Start-ThreadJob' {
    AfterEach {
        Get-Job | Remove-Job -Force
    }

    It 'returns a ThreadJob that runs in the background' {
        $job = Start-ThreadJob { 'hello' }
        $job.PSJobTypeName | Should -Be 'ThreadJob'
        $job.Location | Should -Be 'PowerShell'
        $job.Name | Should -Be "Job$($job.Id)"
        $job | Wait-Job | Out-Null
        $job.State | Should -Be 'Completed'
        Receive-Job $job | Should -Be 'hello'
    }

    It 'gives consecutive thread jobs consecutive Ids' {
        $a = Start-ThreadJob { 1 }
        $b = Start-ThreadJob { 2 }
        $b.Id | Should -Be ($a.Id + 1)
        $a.ChildJobs | Should -HaveCount 0
    }

    It 'keeps the Command text of the script block' {
        $job = Start-ThreadJob { 'OK' }
        $job.Command | Should -Be " 'OK' "
    }

    It 'passes -ArgumentList and $using: values' {
        $factor = 3
        $job = Start-ThreadJob { param($x) $x * $using:factor } -ArgumentList 7
        Receive-Job $job -Wait | Should -Be 21
    }

    It 'does not see the caller''s variables' {
        $secret = 'caller'
        $job = Start-ThreadJob { "[$secret]" }
        Receive-Job $job -Wait | Should -Be '[]'
    }

    It 'reads piped input through $input' {
        $job = 1, 2, 3 | Start-ThreadJob { $input | ForEach-Object { $_ * 2 } }
        Receive-Job $job -Wait | Should -Be @(2, 4, 6)
    }
}

Describe 'Receive-Job and HasMoreData' {
    AfterEach {
        Get-Job | Remove-Job -Force
    }

    It 'drains the results: a second Receive-Job gets nothing' {
        $job = Start-ThreadJob { 1; 2; 3 }
        $job | Wait-Job | Out-Null
        $job.HasMoreData | Should -BeTrue
        Receive-Job $job | Should -Be @(1, 2, 3)
        $job.HasMoreData | Should -BeFalse
        Receive-Job $job | Should -BeNullOrEmpty
    }

    It 'keeps the results with -Keep' {
        $job = Start-ThreadJob { 'a' }
        $job | Wait-Job | Out-Null
        Receive-Job $job -Keep | Should -Be 'a'
        Receive-Job $job -Keep | Should -Be 'a'
        $job.HasMoreData | Should -BeTrue
    }

    It 'removes the job with -Wait -AutoRemoveJob' {
        $job = Start-ThreadJob { 'done' }
        Receive-Job $job -Wait -AutoRemoveJob | Should -Be 'done'
        Get-Job -Id $job.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses -AutoRemoveJob without -Wait' {
        $job = Start-ThreadJob { 1 }
        { Receive-Job $job -AutoRemoveJob -ErrorAction Stop } | Should -Throw
    }

    It 'replays job errors as non-terminating errors' {
        $job = Start-ThreadJob { Write-Error 'bad thing'; 'after' }
        $out = Receive-Job $job -Wait -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -Be 'after'
        $errs | Should -HaveCount 1
        "$($errs[0])" | Should -Be 'bad thing'
    }
}

Describe 'Job states and failures' {
    AfterEach {
        Get-Job | Remove-Job -Force
    }

    It 'a throw makes the job Failed with a reason' {
        $job = Start-ThreadJob { throw 'broken' }
        $job | Wait-Job | Out-Null
        $job.State | Should -Be 'Failed'
        $job.JobStateInfo.Reason.Message | Should -Be 'broken'
    }

    It 'Stop-Job stops a running job' {
        $job = Start-ThreadJob { Start-Sleep -Seconds 30 }
        Stop-Job $job
        $job.State | Should -Be 'Stopped'
    }

    It 'Wait-Job -Timeout returns nothing while the job still runs' {
        $job = Start-ThreadJob { Start-Sleep -Seconds 30 }
        Wait-Job $job -Timeout 1 | Should -BeNullOrEmpty
        $job.State | Should -Be 'Running'
        Stop-Job $job
    }

    It 'Wait-Job -Any returns the first job to finish' {
        $slow = Start-ThreadJob { Start-Sleep -Seconds 30 }
        $fast = Start-ThreadJob { 'quick' }
        $first = Wait-Job $slow, $fast -Any
        $first.Id | Should -Be $fast.Id
        Stop-Job $slow
    }
}

Describe 'Remove-Job' {
    It 'removes a finished job from Get-Job' {
        $job = Start-ThreadJob { 1 }
        $job | Wait-Job | Out-Null
        Remove-Job $job
        Get-Job | Where-Object Id -eq $job.Id | Should -BeNullOrEmpty
    }

    It 'refuses a running job without -Force' {
        $job = Start-ThreadJob { Start-Sleep -Seconds 30 }
        Remove-Job $job -ErrorVariable errs -ErrorAction SilentlyContinue
        "$($errs[0])" | Should -BeLike "*because the job is not finished*"
        Remove-Job $job -Force
        Get-Job | Where-Object Id -eq $job.Id | Should -BeNullOrEmpty
    }

    It 'does not reuse Ids' {
        $a = Start-ThreadJob { 1 }
        Remove-Job $a -Force
        $b = Start-ThreadJob { 2 }
        $b.Id | Should -BeGreaterThan $a.Id
        Remove-Job $b -Force
    }
}

Describe 'Start-Job (process jobs)' {
    AfterEach {
        Get-Job | Remove-Job -Force
    }

    It 'is a BackgroundJob with one child job' {
        $job = Start-Job { 'from a worker' }
        $job.PSJobTypeName | Should -Be 'BackgroundJob'
        $job.Location | Should -Be 'localhost'
        $job.ChildJobs | Should -HaveCount 1
        $job.ChildJobs[0].Id | Should -Be ($job.Id + 1)
        Receive-Job $job -Wait | Should -Be 'from a worker'
    }

    It 'two Start-Jobs take Ids n and n+2 because the child takes one' {
        $a = Start-Job { 1 }
        $b = Start-Job { 2 }
        $b.Id | Should -Be ($a.Id + 2)
        $a, $b | Wait-Job | Out-Null
    }

    It 'runs in another process' {
        $job = Start-Job { $PID }
        Receive-Job $job -Wait | Should -Not -Be $PID
    }

    It 'passes arguments and $using: values as copies' {
        $word = 'copied'
        $job = Start-Job { param($n) "$n $using:word" } -ArgumentList 2
        Receive-Job $job -Wait | Should -Be '2 copied'
    }

    It 'starts in the caller''s location' {
        $here = (Get-Location).Path
        $job = Start-Job { (Get-Location).Path }
        Receive-Job $job -Wait | Should -Be $here
    }

    It 'a failing script makes the job Failed' {
        $job = Start-Job { throw 'worker broke' }
        $job | Wait-Job | Out-Null
        $job.State | Should -Be 'Failed'
    }
}

Describe 'The background operator' {
    AfterEach {
        Get-Job | Remove-Job -Force
    }

    It '& starts a BackgroundJob' {
        $job = Write-Output 'bg' &
        $job.PSJobTypeName | Should -Be 'BackgroundJob'
        Receive-Job $job -Wait | Should -Be 'bg'
    }
}
