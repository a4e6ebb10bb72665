'abc' | Get-Member -MemberType Property
