$jp = @{ Path = 'dir'; ChildPath = 'file.txt' }
Join-Path @jp
$p = @{ InputObject = 'splatted' }
Write-Output @p
