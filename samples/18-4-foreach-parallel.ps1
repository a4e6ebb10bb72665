# 18.4 ForEach-Object -Parallel (seed chapter, section 18.4), as written.
# Five tasks start at once (ThrottleLimit 5): all "gestartet" lines first, the "fertig" lines about
# two seconds later; the whole loop takes about 2 s, not 10 s.
1..5 | ForEach-Object -Parallel {
    "Task $_ gestartet"
    Start-Sleep -Seconds 2
    "Task $_ fertig"
}
