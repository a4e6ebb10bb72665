Write-Information 'hidden'
Write-Information 'shown' -InformationAction Continue
$InformationPreference = 'Continue'
Write-Information 'by preference'
