$x = 'outer'
function Change { $x = 'inner'; "in function: $x" }
Change
"after: $x"
