switch (3) {
    1 { 'one' }
    3 { 'three' }
    default { 'other' }
}
switch ('zzz') {
    'a' { 'A' }
    default { 'fallback' }
}
