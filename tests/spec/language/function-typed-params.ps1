function Add([int]$a, [int]$b) { $a + $b }
Add 2 3
Add '2' '3'
function Describe([string]$s) { "$s is $($s.GetType().Name)" }
Describe 42
