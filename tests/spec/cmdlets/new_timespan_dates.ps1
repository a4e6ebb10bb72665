(New-TimeSpan -Start '2024-01-01' -End '2024-03-01').Days
(New-TimeSpan -Minutes 90).TotalHours
