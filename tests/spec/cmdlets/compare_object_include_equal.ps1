Compare-Object 1, 2, 3 2, 3, 4 -IncludeEqual
