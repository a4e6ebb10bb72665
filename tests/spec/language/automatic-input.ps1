function Sum-Input { $total = 0; foreach ($n in $input) { $total += $n }; $total }
1..4 | Sum-Input
