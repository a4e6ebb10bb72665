[math]::Max(3, 7)
[math]::PI
[int]::MaxValue
[string]::IsNullOrEmpty('')
[math]::Round(2.5)
[math]::Round(3.14159, 2)
[math]::Sqrt(16)
[math]::Abs(-4)
[string]::Join('-', @('a', 'b'))
[int]::Parse('12') + 1
