# a script block cast to [MatchEvaluator] gets the match as $args[0]
$ev = { '<' + $args[0].Value.ToUpper() + '>' } -as [System.Text.RegularExpressions.MatchEvaluator]
'one two' -replace '\w+', $ev
'one two' -replace 'o', { $_.Index }
