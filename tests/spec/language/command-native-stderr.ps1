sh -c 'echo oops 1>&2'
'after'
