# The CommandInfo view (CommandType 15, Name 50, Version 10, Source auto) at 80 columns (79 usable): the fixed
# columns and separators take 78 cells, so Source gets 1; its header wraps a letter a line, values are cut to 1 cell
Get-Command Get-Job, Start-ThreadJob
# wide enough, the whole Source shows; Version is the module's (Core: the engine assembly 7.4.0.500)
Get-Command Get-Job, Start-ThreadJob, Get-Process | Out-String -Width 120
