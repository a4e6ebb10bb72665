#! env: LANG=C
# [cultureinfo]::CurrentCulture can be set; -f follows it, -split/-replace and casts stay invariant
[cultureinfo]::CurrentCulture = 'de-DE'
[cultureinfo]::CurrentCulture.Name
'{0:N2}' -f 1234.5
1.5 -replace 'x'
1.5 -split ','
[string]1.5
[cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
'{0:N2}' -f 1234.5
