filter Double { $_ * 2 }
1..3 | Double
filter Only-Odd { if ($_ % 2) { $_ } }
1..6 | Only-Odd
