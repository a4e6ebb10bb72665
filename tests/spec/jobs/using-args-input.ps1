# What a job gets from its caller: $using: values (copies for Start-Job, live objects for thread jobs),
# -ArgumentList for param() or $args, and -InputObject or pipeline input through $input.
$h = @{ n = 1 }
$name = 'caller'
Start-Job { $copy = $using:h; $copy.n = 2; "$using:name sees n=$($copy.n)" } | Receive-Job -Wait -AutoRemoveJob
"after Start-Job: n=$($h.n)"
Start-ThreadJob { ($using:h).n = 3 } | Receive-Job -Wait -AutoRemoveJob
"after Start-ThreadJob: n=$($h.n)"
Start-Job { param($a, $b) "$a+$b=$($a + $b)" } -ArgumentList 2, 3 | Receive-Job -Wait -AutoRemoveJob
Start-Job { "args: $($args -join '|')" } -ArgumentList x, y | Receive-Job -Wait -AutoRemoveJob
Start-ThreadJob { param($n) $n * 2 } -ArgumentList 21 | Receive-Job -Wait -AutoRemoveJob
Start-Job { $input | ForEach-Object { $_ * 10 } } -InputObject 4 | Receive-Job -Wait -AutoRemoveJob
$piped = 1, 2, 3 | Start-Job { $all = @($input); "got $($all.Count): $($all -join ',')" }
@(Get-Job).Count
Receive-Job $piped -Wait -AutoRemoveJob
1, 2 | Start-ThreadJob { $input | ForEach-Object { "thread $_" } } | Receive-Job -Wait -AutoRemoveJob
Start-Job { Get-Greeting } -InitializationScript { function Get-Greeting { 'hello from init' } } |
    Receive-Job -Wait -AutoRemoveJob
