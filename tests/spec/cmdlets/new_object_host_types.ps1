# New-Object for the host's Coordinates and Size structs, the Platform statics, and the PSCustomObject type
$c = New-Object System.Management.Automation.Host.Coordinates
"$($c.X),$($c.Y)"
$d = New-Object -TypeName System.Management.Automation.Host.Coordinates -ArgumentList 3, 7
"$($d.X),$($d.Y)"
$s = [System.Management.Automation.Host.Size]::new(120, 30)
"$($s.Width)x$($s.Height)"
$Host.UI.RawUI.WindowSize -is [System.Management.Automation.Host.Size]
[System.Management.Automation.Platform]::IsLinux -eq $IsLinux
[System.Management.Automation.Platform]::IsWindowsDesktop
$t = (New-Object psobject).GetType()
"$($t.Name) public=$($t.IsPublic) serializable=$($t.IsSerializable) base=$($t.BaseType)"
