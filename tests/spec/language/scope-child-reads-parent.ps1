$x = 'parent'
function Read { "sees: $x" }
Read
& { "block sees: $x" }
