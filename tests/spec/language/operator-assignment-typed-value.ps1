# a typed assignment used as a value gives the converted value
([bool]$flag = 42).GetType().Name
([int]$n = '7') + 1
([string]$s = 3.5).Length
