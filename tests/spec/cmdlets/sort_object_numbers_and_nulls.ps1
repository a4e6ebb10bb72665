10, 9, 100, 1 | Sort-Object
'10', '9', '100' | Sort-Object
