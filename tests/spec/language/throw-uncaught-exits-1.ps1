#! exit: 1
'before'
throw 'boom'
'after'
