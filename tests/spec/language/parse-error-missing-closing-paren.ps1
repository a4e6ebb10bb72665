#! exit: 1
'before'
$x = (1 + 2
'after'
