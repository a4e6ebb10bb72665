#! exit: 4
try { 'in try'; exit 4 } finally { 'finally ran' }
'not reached'
