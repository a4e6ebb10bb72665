$null = New-Item -ItemType Directory man-golden/Shapes -Force
Set-Content man-golden/Shapes/Shapes.psm1 @'
function Get-Square { param($n) $n * $n }
function Get-Hidden { 'hidden' }
'@
Set-Content man-golden/Shapes/Shapes.psd1 @'
@{
    RootModule = 'Shapes.psm1'
    ModuleVersion = '2.1.0'
    FunctionsToExport = @('Get-Square')
}
'@
$env:PSModulePath = Convert-Path man-golden
Import-Module Shapes
Get-Square 7
Get-Module Shapes | Select-Object Name, Version
if (Get-Command Get-Hidden -ErrorAction SilentlyContinue) { 'visible' } else { 'not exported' }
Remove-Module Shapes
Remove-Item man-golden -Recurse
