function one { 'only' }
$r = one
$r.GetType().Name
$w = @(one)
$w.GetType().Name
$w.Count
@(1, 2; 3).Count
