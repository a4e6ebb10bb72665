# a .NET property's hidden accessor methods get_X / set_X, and get_Item for indexers
$h = @{ a = 1 }
$h.get_Count()
$h.get_Item('a')
$h.set_Item('b', 2)
$h.get_Keys() | Sort-Object
(10, 20, 30).get_Length()
'hello'.get_Chars(1)
$o = [pscustomobject]@{ Name = 'x' }
$o.set_Name('y')
$o.get_Name()
try { $o.get_Missing() } catch { $_.FullyQualifiedErrorId }
