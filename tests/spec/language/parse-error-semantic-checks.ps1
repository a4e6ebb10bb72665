# syntax errors pwsh finds after building the tree: control leaving finally, attributes on
# non-variables, [ref] mixed with other types, switch with both -file and a value
foreach ($text in @(
        'try { } finally { return }'
        'try { } finally { if ($x) { break } }'
        'try { } finally { foreach ($i in 1) { break } }'
        'try { } finally { & { return } }'
        '[Alias("x")][int]'
        '[ValidateNotNull()]$v'
        '[ref][ref]$v'
        '[int][ref]$v'
        '[int][ref]$v = 1'
        'switch -file f.txt (1) { }')) {
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$errors)
    if ($errors.Count) { '{0} -> {1} at {2}: {3}' -f $text, $errors[0].ErrorId, $errors[0].Extent.StartOffset, $errors[0].Message }
    else { "$text -> ok" }
}
