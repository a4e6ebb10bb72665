#! exit: 1
'before'
if ($true) {
    'inside'
