Import-Module NoSuchModuleGolden
'after'
