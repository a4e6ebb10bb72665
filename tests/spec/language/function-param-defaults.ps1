function Greet { param([string]$Name = 'World', [int]$Times = 1) 1..$Times | ForEach-Object { "Hello, $Name" } }
Greet
Greet -Name Ann -Times 2
Greet Bob
