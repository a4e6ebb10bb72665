$name = 'World'
$n = 42
"Hello, $name! n=$n"
"$name$n"
"cost: 5$ and $ alone"
