# .PSObject.Properties.Item(name): the named property (any case), or $null when there is none
$o = [pscustomobject]@{ Alpha = 1; Beta = 'two' }
$o.psobject.Properties.Item('beta').Value
$o.psobject.Properties.Item('ALPHA').Name
$null -eq $o.psobject.Properties.Item('Gamma')
$s = $o | Select-Object -ExcludeProperty Alpha
$null -eq $s.psobject.Properties.Item('Alpha')
$s.psobject.Properties.Item('Beta').Value
