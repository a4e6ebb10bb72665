$a = 1, 2, 3
"Sum: $(1 + 2)"
"Count: $($a.Count)"
"Upper: $('abc'.ToUpper())"
"Nested: $("in" + 'ner')"
"Many: $(1; 2; 3)"
