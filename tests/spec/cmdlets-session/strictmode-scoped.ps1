function Test-Strict {
    Set-StrictMode -Version Latest
    try { $nope } catch { 'caught inside' }
}
Test-Strict
"outside: [$alsoNope]"
