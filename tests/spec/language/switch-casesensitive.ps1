switch -CaseSensitive ('ABC') {
    'abc' { 'lower' }
    'ABC' { 'upper' }
}
switch ('ABC') {
    'abc' { 'insensitive match' }
}
