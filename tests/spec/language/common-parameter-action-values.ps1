# -ErrorAction takes an ActionPreference: an unambiguous prefix names a value (the binder's enum
# disambiguation), anything else is a binding error
Write-Error 'hidden' -ErrorAction Ig
Write-Error 'quiet' -ea si
foreach ($value in 'S', 'Bogus') {
    try { Write-Output 1 -ErrorAction $value } catch { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
}
# a plain conversion does not disambiguate
try { [System.Management.Automation.ActionPreference]'Ig' } catch { 'a cast refuses Ig' }
# -ErrorAction Stop with -ErrorVariable: the variable holds the ActionPreferenceStopException
try { Get-Item ./no/such/file -ErrorAction Stop -ErrorVariable failed } catch { }
$failed.Count
$failed[0].GetType().Name
$failed[0].ErrorRecord.Exception.GetType().Name
