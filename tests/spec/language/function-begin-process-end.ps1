function Count-Items {
    begin { $count = 0; 'begin' }
    process { $count++ }
    end { "end: $count" }
}
'a', 'b', 'c' | Count-Items
