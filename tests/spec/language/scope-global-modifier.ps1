function SetIt { $global:fromFunction = 'set globally' }
SetIt
$fromFunction
$global:fromFunction
