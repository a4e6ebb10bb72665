try {
    'in try'
    throw 'boom'
    'not reached'
} catch {
    "caught: $_"
} finally {
    'finally runs'
}
try { 'no error' } finally { 'finally without catch' }
