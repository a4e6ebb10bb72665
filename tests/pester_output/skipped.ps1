Invoke-Pester -Path ./fixtures/Skipped.Tests.ps1 -Output Detailed
'---'
Invoke-Pester -Path ./fixtures/Skipped.Tests.ps1
