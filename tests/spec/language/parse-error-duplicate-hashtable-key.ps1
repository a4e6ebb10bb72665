#! exit: 1
'before'
$h = @{ Name = 1; name = 2 }
