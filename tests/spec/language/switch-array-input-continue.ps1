switch (1, 2, 3, 4) {
    2 { 'two'; continue }
    { $_ % 2 -eq 0 } { "even $_" }
    default { "odd $_" }
}
