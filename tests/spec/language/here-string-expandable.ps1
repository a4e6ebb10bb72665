$name = 'pslark'
@"
Name: $name
Sum: $(2 + 3)
Quote: "ok"
"@
