# Aliases use the same CommandInfo view with `name -> definition`; built-in aliases have no Version or Source, and
# only the last (empty) column is left unpadded, so the rows keep the padding of Name and Version
Get-Alias gps, %
