# Every job takes an Id from one process-wide counter, child jobs included: a Start-Job parent and its
# child take two Ids, so two Start-Jobs are 1 and 3; thread jobs have no children and number on.
$a = Start-Job { 1 }
$b = Start-Job { 2 }
"Start-Job: $($a.Id) $($b.Id), children $($a.ChildJobs[0].Id) $($b.ChildJobs[0].Id)"
$t1 = Start-ThreadJob { 3 }
$t2 = Start-ThreadJob { 4 }
"Start-ThreadJob: $($t1.Id) $($t2.Id)"
$c = Start-Job { 5 } -Name Custom
"mixed: $($c.Id) $($c.Name) child $($c.ChildJobs[0].Name)"
$a.Name, $a.ChildJobs[0].Name, $t2.Name -join ' '
$null = Get-Job | Wait-Job
Remove-Job -Id 1
$d = Start-ThreadJob { 6 }
"after Remove-Job the counter goes on: $($d.Id)"
(Get-Job).Id -join ','
(Get-Job -IncludeChildJob).Id -join ','
$null = Wait-Job $d
