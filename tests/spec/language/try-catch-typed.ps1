try {
    NonsenseCommandXyz
} catch [System.Management.Automation.CommandNotFoundException] {
    'command not found'
} catch {
    'other'
}
try {
    throw [System.ArgumentException]::new('bad arg')
} catch [System.IO.IOException] {
    'io'
} catch [System.ArgumentException] {
    "argument: $($_.Exception.Message)"
}
try {
    $zero = 0
    1 / $zero
} catch [System.DivideByZeroException] {
    'divide by zero'
}
