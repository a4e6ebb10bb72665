switch (1) {
    1 { 'first' }
    { $_ -lt 5 } { 'second' }
    default { 'none' }
}
switch (1) {
    1 { 'first only'; break }
    1 { 'not reached' }
}
