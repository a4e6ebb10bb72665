Get-Alias ls -ErrorAction SilentlyContinue
(Get-Command ls).CommandType
