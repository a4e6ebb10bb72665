try {
    Write-Error 'escalated' -ErrorAction Stop
    'not reached'
} catch {
    "caught: $($_.Exception.Message)"
}
$ErrorActionPreference = 'Stop'
try { Get-Item /no/such/path-xyz; 'not reached' } catch { 'caught via preference' }
