$o = [pscustomobject]@{ First = 'Ada'; Last = 'Lovelace' }
$o.First
$o.LAST
$o.PSObject.Properties.Name
"$o"
