#! env: PSLARK_GREETING=hello
"env says: $env:PSLARK_GREETING"
$env:PSLARK_NEW = 'set here'
"new: $env:PSLARK_NEW"
"missing: [$env:PSLARK_NOT_SET_ANYWHERE]"
