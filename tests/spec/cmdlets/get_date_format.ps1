Get-Date -Date '2024-03-05 14:07:09' -Format 'yyyy-MM-dd HH:mm:ss'
Get-Date -Date '2024-03-05 14:07:09' -UFormat '%Y/%m/%d %H:%M'
(Get-Date -Year 2020 -Month 2 -Day 29).DayOfWeek
Get-Date -Date '2024-03-05' -Format FileDate
(Get-Date -Date '2024-03-05 14:07:09' -Hour 1 -Minute 2 -Second 3).ToString('HH:mm:ss')
