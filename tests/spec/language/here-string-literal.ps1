$x = 5
@'
Value: $x
  "quoted" and 'single'
'@
