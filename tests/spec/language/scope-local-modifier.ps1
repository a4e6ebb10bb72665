$v = 'script'
function Shadow { $local:v = 'local'; "local: $v"; "script: $script:v" }
Shadow
$v
