'Apple', 'Banana' -contains 'apple'
'Apple', 'Banana' -ccontains 'apple'
switch ('HELLO') { 'hello' { 'switch matched' } }
@{ Key = 1 }.ContainsKey('KEY')
'ABC' -like 'a*'
'ABC' -match 'b'
'A' -in 'a'
