& 'Write-Output' 'via string'
& { param($a) "block got $a" } 'x'
function Hello { 'hello from function' }
$name = 'Hello'
& $name
$c = Get-Command Write-Output
& $c 'via CommandInfo'
