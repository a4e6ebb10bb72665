# A cmdlet's CommandInfo has Verb and Noun (its name split at the first dash); they survive a JSON round trip.
$c = Get-Command Get-Help
"$($c.Verb) / $($c.Noun)"
Get-Command Get-Help, Select-Object, ConvertTo-Json | Select-Object Name, Verb, Noun
$back = Get-Command Measure-Object | Select-Object Name, Noun, Verb | ConvertTo-Json | ConvertFrom-Json
"$($back.Name): $($back.Verb) $($back.Noun)"
