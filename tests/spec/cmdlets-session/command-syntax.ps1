Get-Command Get-Variable -Syntax
