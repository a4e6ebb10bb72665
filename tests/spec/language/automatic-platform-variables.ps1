$IsLinux
$IsWindows
$IsMacOS
$PSVersionTable.PSVersion.Major
$PSVersionTable.PSEdition
