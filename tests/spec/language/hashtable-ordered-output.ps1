$h = [ordered]@{ zeta = 1; alpha = 'two'; mid = 'x3' }
$h
