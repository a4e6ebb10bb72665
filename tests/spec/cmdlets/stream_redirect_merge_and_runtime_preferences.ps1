# n>&1 joins a stream to the output wherever the output goes: with `> file` as well (in either order).
$f = Join-Path ([System.IO.Path]::GetTempPath()) "pslark-merge-$PID.txt"
& { Write-Warning 'careful'; 'data' } 3>&1 > $f
@(Get-Content $f) -match 'careful' | ForEach-Object { 'warning line found' }
(Get-Content $f)[-1]
& { Write-Error 'broken' -ErrorAction Continue; 'more' } > $f 2>&1
@(Get-Content $f) -match 'broken' | Select-Object -First 1 | ForEach-Object { 'error line found' }
Remove-Item $f

# -ErrorAction Ignore leaves no trace: not in -ErrorVariable either
Write-Error 'gone' -ErrorAction Ignore -ErrorVariable ev
"ignored: $($ev.Count)"
Write-Error 'kept' -ErrorAction SilentlyContinue -ErrorVariable ev2
"silently: $($ev2.Count)"

# $PSCmdlet.Write* use the actions fixed when the function was invoked, not its later preference variables
function Test-Runtime {
    [CmdletBinding()] param()
    $WarningPreference = 'SilentlyContinue'
    $PSCmdlet.WriteWarning('from the runtime')
    Write-Warning 'from the cmdlet'
    $InformationPreference = 'Continue'
    $PSCmdlet.WriteInformation('info', [string[]]'t1')
    $PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'act', 'status'))
}
Test-Runtime 3>&1 6>&1 | ForEach-Object { "$($_.GetType().Name): $_" }
Test-Runtime -WarningAction Ignore 6>&1 | ForEach-Object { "info tags: $($_.Tags)" }
$p = [System.Management.Automation.ProgressRecord]::new(7, 'Copying', 'file 1 of 2')
"$($p.ActivityId) $($p.Activity) / $($p.StatusDescription)"
