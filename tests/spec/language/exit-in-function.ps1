#! exit: 7
function Quit { 'quitting'; exit 7 }
Quit
'not reached'
