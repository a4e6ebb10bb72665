1..3
    | ForEach-Object { $_ + 10 }
