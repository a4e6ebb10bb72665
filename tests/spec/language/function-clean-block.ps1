# clean blocks: they run after the whole pipeline is done, in pipeline order, only for commands whose other
# blocks ran; their output is dropped, other streams still flow
function Get-Nothing { clean { Write-Host 'never: no other block ran' } }
Get-Nothing
function Step-A { process { "a$_" } clean { Write-Host 'clean A' } }
function Step-B { process { "b$_" } end { 'b-end' } clean { Write-Host 'clean B'; 'dropped output' } }
1..5 | Step-A | Select-Object -First 2 | Step-B
function Only-End { end { 'end ran' } clean { Write-Host 'clean only-end' } }
function Thrower { process { throw 'boom' } }
try { 1 | Thrower | Only-End } catch { "caught: $_" }
function Exit-In-Clean { end { 'done' } clean { Write-Host 'cleaning'; exit; Write-Host 'not reached' } }
Exit-In-Clean
'after exit in clean'
# a terminating error in clean stops it and is written to the error stream, not thrown; $? is false
function Fail-In-Clean { [CmdletBinding()] param() end { } clean { throw 'clean failed'; Write-Host 'not reached' } }
Fail-In-Clean 2>&1 | ForEach-Object { "error record: $_" }
Fail-In-Clean 2>$null
"`$? = $?"
