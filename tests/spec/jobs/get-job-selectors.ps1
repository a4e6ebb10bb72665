# Get-Job's selectors: -Id, -Name (wildcards), -State, -Command, -HasMoreData, -Newest, -IncludeChildJob,
# -ChildJobState; jobs come out in Id order. Thread jobs live in the ThreadJob module's job source adapter,
# which matches -Name and -Command literally: wildcards do not find them.
$alpha = Start-Job { 'a' } -Name alpha | Wait-Job
$beta = Start-Job { Write-Output 'b' } -Name beta | Wait-Job
$gamma = Start-ThreadJob { 'c' } -Name gamma | Wait-Job
(Get-Job -Id 5, 1).Id -join ','
(Get-Job -Name al*, gamma).Name -join ','
"thread job by wildcard: $(@(Get-Job -Name gam*).Count)"
(Get-Job -State Completed).Count
(Get-Job -Command "*Write-Output*").Name
(Get-Job -Command "'a'").Name
"thread job by command: $(@(Get-Job -Command "'c'").Count) trimmed, $(@(Get-Job -Command " 'c' ").Count) exact"
$null = Receive-Job $alpha
(Get-Job -HasMoreData $true).Name -join ','
(Get-Job -HasMoreData $false).Name -join ','
(Get-Job -IncludeChildJob).Id -join ','
(Get-Job -Name alpha -IncludeChildJob).Name -join ','
(Get-Job -ChildJobState Completed).Id -join ','
(Get-Job -ChildJobState Failed).Id -join ','
(Get-Job -IncludeChildJob -HasMoreData $false).Id -join ','
(Get-Job -Newest 2).Name -join ','
(Get-Job -Id 4).Name
(Get-Job -Name Job2).Id
