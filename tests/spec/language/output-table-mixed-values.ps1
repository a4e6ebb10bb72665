#! env: LANG=C
# Table cells: doubles, singles and decimals with 'F' (2 decimals), alignment from the first row's values,
# arrays as {a, b, c, d…}, DateTime "G", TimeSpan "c", a nested PSCustomObject as @{...}
$d = [datetime]::new(2026, 8, 20, 21, 18, 18)
@(
    [pscustomobject]@{ a = 1; b = 'x'; c = 1.5; d = $null }
    [pscustomobject]@{ a = 2.25; b = 3; c = [float]2.5; d = @(1, 2, 3, 4, 5) }
    [pscustomobject]@{ a = 1e16; b = $d; c = 1.005d; d = [timespan]::FromMinutes(90) }
    [pscustomobject]@{ a = -0.0; b = $true; c = 1 / 3; d = 'text' }
    [pscustomobject]@{ a = [long]::MaxValue; b = [char]'z'; c = 0.1 + 0.2; d = [pscustomobject]@{ p = 1; q = 'w' } }
)
