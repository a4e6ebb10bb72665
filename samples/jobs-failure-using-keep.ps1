# What a learner tries next: a failing job, $using:, and Receive-Job -Keep.

# $using: copies a caller variable into the job (Start-Job runs in another process)
$greeting = 'Hallo'
$job = Start-Job { "$using:greeting aus dem Job" }
Wait-Job $job | Out-Null

# -Keep leaves the results in the job, so they can be read again
Receive-Job $job -Keep
"HasMoreData nach -Keep: $($job.HasMoreData)"
Receive-Job $job
"HasMoreData danach: $($job.HasMoreData)"

# A job that throws ends Failed; the reason is on its child job
$bad = Start-Job { throw 'Datei nicht gefunden' }
Wait-Job $bad | Out-Null
"Status: $($bad.State)"
"Grund: $($bad.ChildJobs[0].JobStateInfo.Reason.Message)"

Get-Job | Remove-Job
