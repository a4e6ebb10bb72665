Join-Path /var log app.log
Join-Path 'folder/' '/file.txt'
Split-Path /var/log/app.log
Split-Path /var/log/app.log -Leaf
Split-Path /var/log/app.log -LeafBase
Split-Path /var/log/app.log -Extension
Split-Path /var/log/app.log -IsAbsolute
Split-Path env:PATH -Qualifier
