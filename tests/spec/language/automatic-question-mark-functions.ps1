# $? after a command: Write-Error inside a function does not fail the caller, $PSCmdlet.WriteError does;
# statements inside a script block run by ForEach-Object do not decide its $?
function Test-WriteError { Write-Error 'Bad'; "inside: $?" }
Test-WriteError 2>$null
"after function: $?"
function Test-CmdletError {
    [CmdletBinding()] param()
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('x'), 'X', 'NotSpecified', $null))
}
Test-CmdletError 2>$null
"after advanced function: $?"
0, 1 | ForEach-Object { sh -c "exit $_" }
"after foreach: $?"
$(sh -c 'exit 2')
"after subexpression: $?"
1 | ForEach-Object { $_ } | Where-Object { sh -c 'exit 1'; $true } | Out-Null
"after where: $?"
sh -c 'exit 0' && 'chain ran'
sh -c 'exit 1' || 'fallback ran'
