switch (1, 2, 3) {
    2 { 'stop at two'; break }
    default { "saw $_" }
}
'after switch'
