# ErrorMessage on ValidateScript / ValidatePattern / ValidateSet: {0} is the value, {1} the script, pattern or set
function Test-Even { param([ValidateScript({ $_ % 2 -eq 0 }, ErrorMessage = '{0} is odd ({1})')] $N) "ok $N" }
function Test-Code { param([ValidatePattern('^[A-Z]{3}$', ErrorMessage = 'bad code {0}, want {1}')] $Code) "ok $Code" }
function Test-Color { param([ValidateSet('Red', 'Blue', ErrorMessage = '{0} not one of {1}')] $Color) "ok $Color" }
function Test-Exact { param([ValidateSet('Red', 'Blue', IgnoreCase = $false)] $Color) "ok $Color" }
Test-Even 4
foreach ($call in { Test-Even 3 }, { Test-Code abcd }, { Test-Color green }, { Test-Exact red }) {
    try { & $call } catch { "{0}: {1}" -f $_.FullyQualifiedErrorId, $_.Exception.Message }
}
Test-Code abc
Test-Exact Red
