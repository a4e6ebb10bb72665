function TrapTest {
    trap { 'Error found.' }
    nonsenseString
    'function continues'
}
TrapTest
