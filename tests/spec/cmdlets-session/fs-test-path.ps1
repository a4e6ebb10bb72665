Test-Path /tmp
Test-Path /no/such/path-xyz
Test-Path /tmp -PathType Leaf
Test-Path /tmp -PathType Container
Test-Path ''
Test-Path env:PATH
