$greet = { param($Name = 'you', $Punct = '!') "Hi $Name$Punct" }
& $greet
& $greet -Name Bob
& $greet Ann '?'
