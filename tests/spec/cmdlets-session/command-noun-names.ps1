Get-Command -Noun Location | Select-Object -ExpandProperty Name
