$b_x = 'b'
$a_x = 'a'
$C_x = 'c'
Get-Variable *_x -ValueOnly
