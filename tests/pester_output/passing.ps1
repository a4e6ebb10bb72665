Invoke-Pester -Path ./fixtures/Passing.Tests.ps1 -Output Detailed
'---'
Invoke-Pester -Path ./fixtures/Passing.Tests.ps1
'---'
$r = Invoke-Pester -Path ./fixtures/Passing.Tests.ps1 -Output None -PassThru
"$($r.Result) $($r.PassedCount)/$($r.TotalCount) $LASTEXITCODE"
