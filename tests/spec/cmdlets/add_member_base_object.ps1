# Members Add-Member gives an object that is not a PSObject are found through the object itself afterwards
$dir = Get-Item $PSScriptRoot
$dir | Add-Member -NotePropertyName Owner -NotePropertyValue 'ops'
$dir.Owner
$dir | Add-Member -MemberType ScriptMethod -Name Describe -Value { "$($this.Name) owned by $($this.Owner)" }
$dir.Describe()
$dir.psobject.Properties.Item('Owner').Value
$list = [System.Collections.ArrayList]::new()
Add-Member -InputObject $list -NotePropertyName Label -NotePropertyValue 'batch'
$list.Label
# a wrapper made by Select-Object -ExpandProperty still sees them, and its own additions stay off the object
$holder = [pscustomobject]@{ Dir = $dir; Tag = 7 }
$sel = $holder | Select-Object -ExpandProperty Dir -Property Tag
$sel.Owner
$sel.Tag
$null -eq $dir.Tag
