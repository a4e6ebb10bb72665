trap { "trapped: $_"; continue }
'a'
throw 'oops'
'b'
