# pwsh's Job view: fixed widths Id 6, Name 15, PSJobTypeName 15, State 13, HasMoreData 15, Location 20,
# Command 25. Redirected output is 80 columns (79 usable): Command is dropped and Location shrinks to 10.
# A name longer than its column ends in '…'; the child job of a Start-Job has a blank PSJobTypeName.
$j = Start-Job { 'OK' }
$t = Start-ThreadJob { 'thread' } -Name 'a-rather-long-job-name'
$null = $j, $t | Wait-Job
Get-Job -IncludeChildJob
# On a wide line all seven columns fit; the Command text keeps the spaces inside the braces
Get-Job -Id 1 | Out-String -Width 200 -Stream
'[' + $j.Command + ']'
