$level = 'script'
function Show-Level {
    $level = 'function'
    Get-Variable level -Scope 1 -ValueOnly
    Get-Variable level -ValueOnly
}
Show-Level
