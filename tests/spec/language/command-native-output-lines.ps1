$lines = sh -c 'printf "a\nb\nc\n"'
$lines.Count
$lines[1]
sh -c 'echo to-stdout'
