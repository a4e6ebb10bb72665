# a void .NET method writes nothing, not even $null; a method returning null writes $null
$q = [System.Collections.Queue]::new()
@($q.Enqueue('a')).Count
$list = [System.Collections.Generic.List[string]]::new()
@($list.Add('b')).Count
@([Environment]::GetEnvironmentVariable('PSLARK_SURELY_UNSET_VAR')).Count
function Send-Error {
    [CmdletBinding()] param()
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('boom'), 'Boom', 'NotSpecified', $null))
    'done'
}
$r = Send-Error 2>$null
$r
