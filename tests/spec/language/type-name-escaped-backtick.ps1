# a backtick in a type literal escapes itself: Collection``1[T] is the generic type Collection`1[T]
[System.Collections.ObjectModel.Collection``1[string]].Name
[System.Collections.Generic.List`1[int]].Name
$list = [System.Collections.ObjectModel.Collection``1[System.Attribute]]::new()
$list.Add([System.Management.Automation.AliasAttribute]::new('x'))
$list.Count
