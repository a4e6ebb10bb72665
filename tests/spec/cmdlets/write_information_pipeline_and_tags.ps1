# Write-Information takes -MessageData from the pipeline ($null too), refuses tags with the reserved PS prefix,
# and its records carry the process, thread and user that wrote them.
'first', 2 | Write-Information -InformationAction Continue
$null | Write-Information -Tags mine -InformationAction SilentlyContinue -InformationVariable iv
"tags: $($iv.Tags); null data: $($null -eq $iv.MessageData)"
try {
    Write-Information 'x' -Tags ok, PSReserved
} catch {
    $_.FullyQualifiedErrorId
    $_.Exception.Message
    $_.CategoryInfo.Category
}
$r = Write-Information 'rec' 6>&1
$r.ProcessId -eq $PID
$r.NativeThreadId -gt 0
$r.ManagedThreadId -gt 0
[string]::IsNullOrEmpty($r.User)
"$r"
