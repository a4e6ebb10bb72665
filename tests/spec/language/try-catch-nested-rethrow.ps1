try {
    try { throw 'inner' } catch { "inner caught: $_"; throw }
} catch {
    "outer caught: $_"
}
