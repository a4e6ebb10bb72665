function First-Even($list) {
    foreach ($n in $list) {
        if ($n % 2 -eq 0) { return $n }
    }
    'none'
}
First-Even 1, 3, 4, 6
First-Even 1, 3
function Both { 'emitted'; return 'returned'; 'unreachable' }
Both
