# $MyInvocation.Statement is the text of the invoking command, all its lines, with the & or . operator
$text = & {
    $MyInvocation.Statement
}
$text
function Show-Statement { $MyInvocation.Statement }
Show-Statement -Verbose:$false `
    -ErrorAction Continue
$dotted = . { $MyInvocation.Statement }
$dotted
