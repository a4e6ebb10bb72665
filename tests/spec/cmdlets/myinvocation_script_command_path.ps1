# In a script, $MyInvocation.MyCommand describes the script file: its Path and Source are the full path,
# its Name the file name.
$cmd = $MyInvocation.MyCommand
$cmd.CommandType
$cmd.Name
$cmd.Path -eq $PSCommandPath
$cmd.Source -eq $PSCommandPath
Split-Path -Leaf $cmd.Path
function inner { $null -eq $MyInvocation.MyCommand.Path }
inner
