'a', 'b', 'a', 'c', 'a' | Group-Object
