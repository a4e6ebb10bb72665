# output written inside $() before a return still reaches the caller; an assignment's does not
function Get-Both { $('first'; return 'second'); 'never' }
(Get-Both) -join ','
function Get-None { $null = if ($true) { 'one'; return 'two' } }
@(Get-None).Count
