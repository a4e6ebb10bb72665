function Show-Name {
    param([Parameter(ValueFromPipelineByPropertyName)] $Name)
    process { "name: $Name" }
}
[pscustomobject]@{ Name = 'alpha' }, [pscustomobject]@{ Name = 'beta' } | Show-Name
