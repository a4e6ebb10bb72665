#! exit: 3
'before exit'
exit 3
'after exit'
