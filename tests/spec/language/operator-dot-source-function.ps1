function Set-Vars { $fromFunc = 'leaked' }
Set-Vars
"after call: [$fromFunc]"
. Set-Vars
"after dot-source: [$fromFunc]"
