#! env: LANG=en_US.UTF-8
Get-Culture
