# The Env:, Variable:, Alias: and Function: drives through the item cmdlets, with pwsh's errors for missing items.
$env:PSLARK_SPEC_B = 'bee'
$env:PSLARK_SPEC_A = 'ay'
Get-ChildItem env:PSLARK_SPEC_*
Test-Path env:PSLARK_SPEC_A
Test-Path Env:\PSLARK_SPEC_A -PathType Container
Test-Path env:pslark_spec_a
Get-Content env:PSLARK_SPEC_B
(Get-Item env:PSLARK_SPEC_A).Value
Set-Item env:PSLARK_SPEC_C 'sea'
$env:PSLARK_SPEC_C
Set-Item env:PSLARK_SPEC_C 'sea2' -PassThru | ForEach-Object { "$($_.Name)=$($_.Value)" }
New-Item env:PSLARK_SPEC_D -Value 'dee' | ForEach-Object Value
New-Item env:PSLARK_SPEC_D -Value 'again'
Remove-Item env:PSLARK_SPEC_*
Test-Path env:PSLARK_SPEC_A
Remove-Item env:PSLARK_SPEC_A
Get-Item env:PSLARK_SPEC_A
Get-ChildItem env:PSLARK_SPEC_A
Get-Content env:PSLARK_SPEC_A
$Error[0].FullyQualifiedErrorId
$counter = 41
Set-Item variable:counter 42
$counter
Remove-Item variable:counter
Test-Path variable:counter
Set-Item function:hello { 'hello from a function' }
hello
Remove-Item function:hello
Test-Path function:hello
New-Item -Path Alias:\ -Name sayit -Value Write-Output | ForEach-Object Definition
sayit 'via alias'
Remove-Item alias:sayit
Test-Path alias:sayit
