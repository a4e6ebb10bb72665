try { [int]'abc' } catch { $_.Exception.Message; $_.CategoryInfo.Category }
