# Select-String -NoEmphasis keeps matches plain even with ANSI rendering; -SimpleMatch -Culture tr-TR compares
# ignoring case the Turkish way (I pairs with dotless i, dotted I with i)
$PSStyle.OutputRendering = 'Ansi'
$plain = 'hello' | Select-String -Pattern 'l' -NoEmphasis | Out-String
$plain.Contains([char]27)
$marked = 'hello' | Select-String -Pattern 'l' | Out-String
$marked.Contains([char]27)
$PSStyle.OutputRendering = 'PlainText'
'file' | Select-String -SimpleMatch -Culture tr-TR -Pattern 'FILE' | ForEach-Object { "tr FILE: $_" }
'file' | Select-String -SimpleMatch -Culture tr-TR -Pattern "F$([char]0x130)LE" | ForEach-Object { "tr dotted: $_" }
'file' | Select-String -SimpleMatch -Culture en-US -Pattern 'FILE' | ForEach-Object { "en FILE: $_" }
