Split-Path -Leaf $PSScriptRoot
Split-Path -Leaf $PSCommandPath
$PSCommandPath -eq (Join-Path $PSScriptRoot 'automatic-psscriptroot.ps1')
