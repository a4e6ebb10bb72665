#! exit: 3
Invoke-Pester -Path ./fixtures/Failing.Tests.ps1 -Output None -CI
'not reached'
