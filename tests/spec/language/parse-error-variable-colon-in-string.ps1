#! exit: 1
$name = 'x'
"$name: value"
