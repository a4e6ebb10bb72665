function Show-Item { param($Name, $Number) "$Name/$Number" }
Show-Item -Num 5 -Na 'x'
Show-Item -name 'lower' -NUMBER 7
Show-Item 'pos' 9
Show-Item -Number:3 -Name:'colon'
