# A mandatory parameter refuses $null, '' and an empty array while binding (pwsh's ValidateNullOrEmptyArgument),
# for cmdlets and advanced functions alike, unless [AllowNull()], [AllowEmptyString()], [AllowEmptyCollection()].
Get-Item -Path $null
Get-Item ''
Get-Item -Path @()
$Error[0].FullyQualifiedErrorId
$Error[0].CategoryInfo.Category
$Error[0].Exception.GetType().Name
function Get-Thing {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)][string]$Name,
          [Parameter(Mandatory)][AllowNull()][AllowEmptyCollection()]$Rest)
    process { "Name=[$Name] Rest=[$Rest]" }
}
Get-Thing -Name $null -Rest 1
Get-Thing -Name x -Rest $null
$Error[0].FullyQualifiedErrorId
# a piped object that cannot be bound fails on its own; the next one is processed
'a', '', 'c' | ForEach-Object { [pscustomobject]@{ Name = $_ } } | Get-Thing -Rest @()
$Error[0].TargetObject.Name -eq ''
$null, '/' | Get-Item | ForEach-Object FullName
'done'
