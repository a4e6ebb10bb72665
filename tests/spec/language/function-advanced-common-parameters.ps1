function Adv { [CmdletBinding()] param($a, $b) Write-Error 'adv error'; 'after error' }
Adv -ErrorAction SilentlyContinue
try { Adv -ErrorAction Stop } catch { "caught: $_" }
function Keys { param($a, $b) ($PSBoundParameters.Keys | Sort-Object) -join ',' }
Keys -b 2 -a 1
function Sw { [CmdletBinding()] param([switch]$On) $PSBoundParameters.ContainsKey('On') }
Sw
Sw -On
