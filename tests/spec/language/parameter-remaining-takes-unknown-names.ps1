# An advanced function with a ValueFromRemainingArguments parameter collects unknown -names there, in place
function Get-Rest {
    param([Parameter(Position = 1)] $First, [Parameter(ValueFromRemainingArguments)] $Rest)
    "first=$First rest=$($Rest -join ',')"
}
Get-Rest one two -zz three
Get-Rest one -First 1 -other:x last
# without such a parameter an unknown name is still an error
function Get-Strict { param([Parameter()] $Only) $Only }
try { Get-Strict -Nope 1 } catch { $_.FullyQualifiedErrorId }
# cmdlets too: Write-Output's InputObject takes the remaining arguments
Write-Output -NotAParameter value
