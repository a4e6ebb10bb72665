# dynamicparam: the block sees the declared parameters in $PSBoundParameters and returns a
# RuntimeDefinedParameterDictionary; its parameters then bind like declared ones (no variables: their
# values are in the dictionary and in $PSBoundParameters), and variables it set are there in the body
function Get-Fruit {
    [CmdletBinding()]
    param([string] $Kind)
    dynamicparam {
        if ($Kind -ne 'berry') { return }
        $attribute = [System.Management.Automation.ParameterAttribute]::new()
        $attribute.Mandatory = $true
        $attributes = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
        $attributes.Add($attribute)
        $attributes.Add([System.Management.Automation.ValidateSetAttribute]::new('Straw', 'Blue', 'Rasp'))
        $attributes.Add([System.Management.Automation.AliasAttribute]::new('BerryName'))
        $dictionary = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
        $dictionary.Add('Berry', [System.Management.Automation.RuntimeDefinedParameter]::new('Berry', [string], $attributes))
        $count = [System.Management.Automation.RuntimeDefinedParameter]::new('Count', [int], [System.Collections.ObjectModel.Collection[System.Attribute]]::new())
        $dictionary.Add('Count', $count)
        $dictionary
    }
    end {
        if ($dictionary) {
            "$($dictionary.Berry.Value)berry x$($dictionary.Count.Value) set=$($dictionary.Count.IsSet)"
            ($PSBoundParameters.Keys | Sort-Object) -join ','
        } else { "plain $Kind" }
    }
}
Get-Fruit -Kind apple
Get-Fruit -Kind berry -Berry straw -Count 3
Get-Fruit -Kind berry -BerryName Blue
foreach ($call in { Get-Fruit -Kind apple -Berry Straw }, { Get-Fruit -Kind berry -Berry Goose }) {
    try { & $call } catch { $_.FullyQualifiedErrorId }
}
[System.Management.Automation.RuntimeDefinedParameter]::new('X', [int], $null).ParameterType.FullName
