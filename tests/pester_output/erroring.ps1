Invoke-Pester -Path ./fixtures/Erroring.Tests.ps1, ./fixtures/broken -Output Detailed
'---'
Invoke-Pester -Path ./fixtures/Erroring.Tests.ps1, ./fixtures/broken
