#! exit: 1
using namespace System.Text
'never printed'
