# -WhatIf names pwsh's operation and target for each change and changes nothing.
$d = '/tmp/pslark-spec-whatif'
Remove-Item $d -Recurse -Force -ErrorAction SilentlyContinue
$null = New-Item "$d/sub" -ItemType Directory
Set-Content "$d/a.txt" 'one'
Remove-Item "$d/a.txt" -WhatIf
Remove-Item "$d/sub" -WhatIf
Remove-Item "$d/*" -WhatIf
New-Item "$d/b.txt" -WhatIf
New-Item "$d/new" -ItemType Directory -WhatIf
Copy-Item "$d/a.txt" "$d/c.txt" -WhatIf
Move-Item "$d/a.txt" "$d/sub" -WhatIf
Rename-Item "$d/a.txt" z.txt -WhatIf
Set-Content "$d/a.txt" 'two' -WhatIf
Add-Content "$d/a.txt" 'two' -WhatIf
Clear-Content "$d/a.txt" -WhatIf
'x' | Out-File "$d/o.txt" -WhatIf
(Get-ChildItem $d -Name) -join ','
Get-Content "$d/a.txt"
$v = 1
Remove-Variable v -WhatIf
Set-Variable v 2 -WhatIf
Clear-Variable v -WhatIf
New-Variable w 3 -WhatIf
New-Alias qq Get-Date -WhatIf
$v
$env:PSLARK_SPEC_WHATIF = 'kept'
Remove-Item env:PSLARK_SPEC_WHATIF -WhatIf
Set-Item env:PSLARK_SPEC_WHATIF 'new' -WhatIf
$env:PSLARK_SPEC_WHATIF
$WhatIfPreference = $true
Remove-Item "$d/a.txt"
Remove-Item "$d/a.txt" -WhatIf:$false
$WhatIfPreference = $false
Test-Path "$d/a.txt"
Remove-Item $d -Recurse
Test-Path $d
