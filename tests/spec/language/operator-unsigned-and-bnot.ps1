# integer arithmetic runs in the operand type with the larger TypeCode (Int32 < UInt32 < Int64 < UInt64):
# [uint32] - [int] stays UInt32, and a result outside the type becomes a Double
foreach ($value in ([uint32]::MaxValue - 1), ([uint32]5 - 7), ([int]5 + [uint32]3), ([long]5 + [uint32]3),
                   ([uint64]::MaxValue - 1), ([byte]200 + [byte]100)) {
    '{0} {1}' -f $value, $value.GetType().Name
}
# -bnot keeps the type (small types work as Int32), and an enum stays that enum
foreach ($value in (-bnot [uint32]1), (-bnot [uint64]0), (-bnot [byte]0), (-bnot [sbyte]-1)) {
    '{0} {1}' -f $value, $value.GetType().Name
}
$attributes = -bnot [System.IO.FileAttributes]::ReadOnly
'{0} {1}' -f [int]$attributes, $attributes.GetType().Name
[System.Runtime.InteropServices.Marshal]::SizeOf([type][uint16])
[System.Runtime.InteropServices.Marshal]::SizeOf(1L)
