#! env: PSLARK_COLOR=blue
$env:PSLARK_COLOR
$env:pslark_color
$env:PSLARK_COLOR = 'red'
$env:PSLARK_COLOR
Test-Path env:PSLARK_COLOR
$env:PSLARK_COLOR = $null
Test-Path env:PSLARK_COLOR
