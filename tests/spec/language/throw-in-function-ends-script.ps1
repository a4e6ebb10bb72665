#! exit: 1
function G {
    throw 'inner boom'
}
'a'
G
'b'
