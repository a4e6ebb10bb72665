#! exit: 1
'never printed'
class Point { [int]$X }
