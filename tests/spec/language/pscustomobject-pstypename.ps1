# a PSTypeName key names the object's type instead of becoming a property
$o = [pscustomobject]@{ PSTypeName = 'Demo.Item'; Name = 'a' }
$o.PSTypeNames -join ', '
$o.psobject.Properties.Name
$h = @{ pstypename = 'Demo.Other'; Size = 2 }
([pscustomobject]$h).PSTypeNames[0]
$o -is [pscustomobject]
