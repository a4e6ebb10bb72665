Write-Verbose 'hidden by default'
Write-Verbose 'shown with switch' -Verbose
$VerbosePreference = 'Continue'
Write-Verbose 'shown by preference'
function Adv { [CmdletBinding()] param() Write-Verbose 'inside advanced' }
$VerbosePreference = 'SilentlyContinue'
Adv
Adv -Verbose
