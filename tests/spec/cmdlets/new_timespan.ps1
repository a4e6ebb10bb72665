New-TimeSpan -Days 1 -Hours 2 -Minutes 3
