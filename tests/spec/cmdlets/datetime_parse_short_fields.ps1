#! env: LANG=en_US.UTF-8
# DateTime.Parse takes one-digit minutes and seconds; a DateTimeOffset's DateTime/LocalDateTime/UtcDateTime/Date
# are DateTime values, not offsets
$d = [datetime]'2030-4-5 1:2:3.09'
$d.ToString('yyyy-MM-dd HH:mm:ss.fff')
(Get-Date -Date '2030-4-15 21:2:3').ToString('HH:mm:ss')
$o = [System.DateTimeOffset]::FromUnixTimeSeconds(86400 * 3)
$o.UtcDateTime.GetType().FullName
$o.UtcDateTime.ToString('yyyy-MM-dd HH:mm')
$o.UtcDateTime.Kind
$o.DateTime.GetType().Name
$o.Date.GetType().Name
$o.LocalDateTime.GetType().Name
