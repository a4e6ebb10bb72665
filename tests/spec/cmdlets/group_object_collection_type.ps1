# GroupInfo.Group is a Collection[PSObject], and that generic type keeps its own name
$g = 'b', 'a', 'b' | Group-Object
$g[0].Group.GetType().Name
$g[0].Group.GetType().Namespace
$c = [System.Collections.ObjectModel.Collection[int]]::new()
$c.Add(4)
$c.Add('5')
$c.Count
$c -is [System.Collections.ObjectModel.Collection[int]]
$c.GetType().ToString()
