sh -c 'echo "[$1] [$2]"' sh 'with space' plain
$v = 'expanded'
sh -c 'echo "$1"' sh "value is $v"
