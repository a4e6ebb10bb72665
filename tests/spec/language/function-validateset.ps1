function Set-Color {
    param([ValidateSet('Red', 'Green')] [string]$Color)
    "color: $Color"
}
Set-Color -Color green
try { Set-Color -Color Purple } catch { $_.Exception.Message }
