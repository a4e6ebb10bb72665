#requires -Version 7
'requires satisfied'
