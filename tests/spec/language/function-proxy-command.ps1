# a proxy function from [ProxyCommand]::Create runs the wrapped cmdlet through a steppable pipeline;
# $ExecutionContext.InvokeCommand finds it ($PSBoundParameters is a PSBoundParametersDictionary)
${function:Out-Proxy} = [scriptblock]::Create([System.Management.Automation.ProxyCommand]::Create((Get-Command Write-Output)))
Out-Proxy one two
3, 4 | Out-Proxy
${function:Select-Proxy} = [scriptblock]::Create([System.Management.Automation.ProxyCommand]::Create((Get-Command Select-Object)))
1..10 | Select-Proxy -First 2
function Show-Bound($Name) { $PSBoundParameters.GetType().FullName; $value = $null; $PSBoundParameters.TryGetValue('name', [ref]$value); $value }
Show-Bound -Name pslark
$who = 'world'
$ExecutionContext.InvokeCommand.ExpandString('hello $who, $(1 + 1) "quoted"')
$ExecutionContext.InvokeCommand.GetCommand('Get-Date', 'Cmdlet').Name
$ExecutionContext.InvokeCommand.InvokeScript('$who.Length')
