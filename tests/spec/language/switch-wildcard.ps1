switch -Wildcard ('report.txt', 'image.png', 'notes.TXT') {
    '*.txt' { "text: $_" }
    '*.png' { "picture: $_" }
}
