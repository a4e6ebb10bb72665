try { throw 'first' } catch { }
$Error.Count
try { Get-Item /no/such/path-xyz -ErrorAction Stop } catch { }
$Error.Count
$Error[0].Exception.Message
$Error[1].Exception.Message
