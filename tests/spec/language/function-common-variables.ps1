# -OutVariable / -ErrorVariable / -WarningVariable on advanced functions: the variables are set in the caller's
# scope, `+name` appends, and they collect what the function writes, its nested commands' records included
function Get-Thing {
    [CmdletBinding()] param()
    'first'
    Write-Error 'oops'
    Write-Warning 'careful'
    $PSCmdlet.WriteObject('second')
}
Get-Thing -OutVariable got -ErrorVariable errs -WarningVariable warns 2>$null 3>$null | Out-Null
"got: $($got -join ',') ($($got.GetType().Name))"
"errs: $($errs | ForEach-Object { $_.ToString() })"
"warns: $warns"
$kept = 'a', 'b'
Get-Thing -OutVariable +kept 2>$null 3>$null > $null
"kept: $($kept -join ',')"

function Get-Outer {
    [CmdletBinding()] param()
    Write-Error 'outer'
    Get-Thing -ErrorVariable script:innerErrs 2>$null 3>$null
    # only the last command of a nested pipeline writes out through Get-Outer
    Get-Thing -ErrorVariable script:firstErrs 3>$null | Get-Thing -ErrorVariable script:lastErrs 3>$null
    try { throw 'caught one' } catch { }
}
Get-Outer -ErrorVariable outerErrs 2>$null > $null
"inner: $($script:innerErrs.Count) first: $($script:firstErrs.Count) last: $($script:lastErrs.Count)"
"outer: $(($outerErrs | ForEach-Object { $_.ToString() }) -join ',')"
