# A function without a process block still binds each pipeline object to its parameters:
# the end block sees the last one bound ($input holds them all)
function Get-Last {
    param([Parameter(ValueFromPipeline)] $Item)
    "last=$Item count=$(@($input).Count)"
}
'x', 'y', 'z' | Get-Last
function Need-Value {
    param([Parameter(Mandatory, ValueFromPipeline)] $Value, [bool] $Flag)
    "value=$Value flag=$Flag"
}
42 | Need-Value
# a string's Length binds by property name when the by-value parameter cannot take it
function Get-Len {
    param([Parameter(ValueFromPipeline)] [int] $Number = 7,
          [Parameter(ValueFromPipelineByPropertyName)] [int] $Length = -1)
    process { "number=$Number length=$Length" }
}
'hello' | Get-Len
12 | Get-Len
