$o = [pscustomobject]@{ Name = 'x' }
$o | Add-Member -MemberType NoteProperty -Name Size -Value 10
$o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.Size * 2 }
$o | Add-Member -NotePropertyMembers @{ Tag = 't' } -PassThru | Format-List
'abc' | Add-Member -NotePropertyName Extra -NotePropertyValue 1 -PassThru | ForEach-Object { "$_ $($_.Extra)" }
$o | Add-Member -MemberType ScriptMethod -Name Describe -Value { "$($this.Name) is $($this.Size)" }
$o.Describe()
