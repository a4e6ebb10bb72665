#! exit: 1
'never printed'
enum Color { Red; Green }
