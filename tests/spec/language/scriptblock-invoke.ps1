$double = { param($x) $x * 2 }
& $double 21
$double.Invoke(4)
$sb = { "args: $args" }
& $sb a b
