${my var} = 'spaced'
$name = 'Ann'
"${my var}!"
"${name}: hello"
"${name}s"
