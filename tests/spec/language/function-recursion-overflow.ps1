function Forever($n) { Forever ($n + 1) }
try { Forever 0 } catch { $_.Exception.Message }
'script continues'
