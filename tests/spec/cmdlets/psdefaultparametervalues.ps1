# $PSDefaultParameterValues fills parameters the command line leaves unbound
$PSDefaultParameterValues = @{
    'Get-Date:Format'      = 'yyyy'
    'Select-Object:First'  = 2
    'Test-It:Name'         = { 'from a script block' }
    'Test-*:Count'         = 3
}
Get-Date -Date '2024-05-06'
Get-Date -Date '2024-05-06' -UFormat '%m'      # another parameter set: the Format default is left out
Get-Date -Date '2024-05-06' -Format 'MM'       # given on the command line: the default does not apply
1..5 | Select-Object
function Test-It { [CmdletBinding()] param($Name = 'none', [int]$Count) "Name=$Name Count=$Count" }
Test-It
function Test-Simple { param($Name = 'none') "simple: $Name" }
Test-Simple                                     # not an advanced function: no defaults
$PSDefaultParameterValues['Disabled'] = $true
1..3 | Select-Object
