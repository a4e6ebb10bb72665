# hex and binary literals as pwsh's tokenizer reads them: a full-width literal is two's complement,
# 16 hex / 64 binary digits make an Int64, an integer suffix on a real literal rounds to even
foreach ($text in '0xFF', '0xFFFFFFFF', '0x80000000', '0xFFFFFFFFFFFFFFFF', '0x0000000000000001',
                  '0xFFs', '0xFFFFs', '0xFFFFFFFFu', '0b1111111', '0b11111111', '0b11111111u', '0b11111111y',
                  '-0b10', '3.72y', '2.5l', '3.5l', '-2.5n', '2.5u') {
    $value = Invoke-Expression $text
    '{0} -> {1} [{2}]' -f $text, $value, $value.GetType().Name
}
try { [scriptblock]::Create('0xFFFFy') } catch { $_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId }
