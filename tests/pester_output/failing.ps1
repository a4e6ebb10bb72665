Invoke-Pester -Path ./fixtures/Failing.Tests.ps1 -Output Detailed
'---'
Invoke-Pester -Path ./fixtures/Failing.Tests.ps1
'---'
Invoke-Pester -Path ./fixtures/Failing.Tests.ps1 -Output Minimal
"exit code: $LASTEXITCODE"
