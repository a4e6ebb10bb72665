# System.Enum's static methods take the enum type (a type or its name) first
[Enum]::GetNames([System.DayOfWeek]) -join ','
[Enum]::GetNames('System.Reflection.MemberTypes') -join ','
[System.Enum]::GetValues([ConsoleColor])[2]
[Enum]::Parse([DayOfWeek], 'friday')
[Enum]::Parse([DayOfWeek], 'Friday', $false)
[Enum]::ToObject([DayOfWeek], 2)
[Enum]::IsDefined([DayOfWeek], 'Monday')
[Enum]::GetName([DayOfWeek], 3)
$day = $null
[Enum]::TryParse([DayOfWeek], 'sunday', $true, [ref]$day)
$day
[Enum]::GetUnderlyingType([DayOfWeek]).FullName
try { [Enum]::GetNames([int]) } catch { $_.Exception.InnerException.Message }
# a type literal followed by a comma inside a call's parentheses ends that argument
[Math]::Max([int]::MaxValue, 2)
[string]::Join(', ', [int], [string])
