[int]'42' + 1
[string]42 + 1
[double]'3.5'
[char]65
[int][char]'A'
([array]5).Count
[bool]'False'
[string]$null -eq ''
([datetime]'2024-01-15').Year
([regex]'\d+').Matches('a1b22c333').Count
