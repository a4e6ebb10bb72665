switch -Exact ('a*') {
    'a*' { 'literal star' }
}
switch (5) {
    '5' { 'string five matches int' }
}
switch ('x') {
    'x' { "PSItem is $PSItem" }
}
