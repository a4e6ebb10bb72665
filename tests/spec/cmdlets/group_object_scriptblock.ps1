1, 2, 3, 4, 5, 6 | Group-Object { $_ % 2 }
