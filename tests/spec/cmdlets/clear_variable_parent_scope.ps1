# Clear-Variable without -Scope clears like an assignment of $null: a variable of a parent scope gets a local
# $null copy and keeps its value; $^ and $$ exist ($null outside an interactive session)
$color = 'blue'
& {
    Clear-Variable color
    "child sees [$color]"
    Remove-Variable color
    "after removing the local copy: $color"
}
"parent still has $color"
& { Clear-Variable color -Scope 1 }
"cleared in the parent: [$color]"
(Get-Variable -Name '^', '$' | ForEach-Object Name) -join ' '
$null -eq $^
