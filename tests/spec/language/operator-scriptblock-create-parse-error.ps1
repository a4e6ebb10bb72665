try {
    $sb = [scriptblock]::Create('1 +')
    'not reached'
} catch {
    $_.Exception.GetType().Name
    $_.Exception.InnerException.GetType().Name
    $_.Exception.InnerException.Message
}
