switch -Regex ('abc123', 'xyz', '!!') {
    '^[a-z]+(\d+)$' { "digits: $($Matches[1])" }
    '^x' { "starts with x: $_" }
    default { "no match: $_" }
}
