$global:g = 'global-value'
$script:s = 'script-value'
function Show { "g=$global:g s=$script:s" }
Show
