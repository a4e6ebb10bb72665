# `throw` in a job fails it. A background job's reason is on its child (the parent has none); the error is
# not data that Receive-Job drains: every Receive-Job writes it again, and it does not count for HasMoreData.
$j = Start-Job { 'before'; throw 'x' }
$null = Wait-Job $j
"$($j.State) / child $($j.ChildJobs[0].State)"
"parent reason is null: $($null -eq $j.JobStateInfo.Reason)"
"child reason: $($j.ChildJobs[0].JobStateInfo.Reason.Message)"
"HasMoreData: $($j.HasMoreData)"
Receive-Job $j -ErrorVariable first -ErrorAction SilentlyContinue
"first receive: $($first.Count) error, '$($first[0].Exception.Message)', $($first[0].FullyQualifiedErrorId)"
"HasMoreData: $($j.HasMoreData)"
$again = @(Receive-Job $j -ErrorVariable second -ErrorAction SilentlyContinue)
"second receive: $($again.Count) objects, $($second.Count) error, '$($second[0].Exception.Message)'"

$t = Start-ThreadJob { throw 'y' }
$null = Wait-Job $t
"thread job: $($t.State), reason '$($t.JobStateInfo.Reason.Message)', HasMoreData $($t.HasMoreData), $($t.Error.Count) errors"
Receive-Job $t -ErrorVariable te -ErrorAction SilentlyContinue
"$($te.Count) error: '$($te[0].Exception.Message)' $($te[0].FullyQualifiedErrorId) $($te[0].CategoryInfo.Category)"
Receive-Job $t
'end'
