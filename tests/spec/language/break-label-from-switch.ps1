$i = 0
:loop while ($true) {
    $i++
    switch ($i) {
        3 { break loop }
    }
}
$i
