function Double-It {
    param([Parameter(ValueFromPipeline)] [int]$Value)
    process { $Value * 2 }
}
1..3 | Double-It
Double-It -Value 21
