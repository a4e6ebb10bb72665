function Get-Widget { 'widget' }
(Get-Command Get-Widget).CommandType
Get-Widget
