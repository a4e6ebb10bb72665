#! exit: 1
# Outside try/catch and trap, a `throw` is suppressed when the error action is SilentlyContinue or Ignore
# (a function called with -ErrorAction SilentlyContinue): it is kept in $Error and the next statement runs
function Invoke-Thrower { [CmdletBinding()] param() throw 'thrown inside'; 'ran after the throw' }
Invoke-Thrower -ErrorAction SilentlyContinue
"last error: $($Error[0])"
Invoke-Thrower -ErrorAction Ignore
# an enclosing try/catch or trap still gets it
try { Invoke-Thrower -ErrorAction SilentlyContinue } catch { "caught: $_" }
& { trap { "trapped: $_"; continue } Invoke-Thrower -ErrorAction SilentlyContinue; 'after the trap' }
# an expression error is non-terminating: SilentlyContinue hides it, the function goes on
function Divide { [CmdletBinding()] param() 1 / 0; 'ran after the division' }
Divide -ErrorAction SilentlyContinue
# under Continue, throw stops the script
Invoke-Thrower
'not reached'
