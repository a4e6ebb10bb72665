$factor = 3
Start-ThreadJob { $using:factor * 2 } | Receive-Job -Wait -AutoRemoveJob
