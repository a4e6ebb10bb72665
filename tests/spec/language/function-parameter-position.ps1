function Pos {
    param(
        [Parameter(Position = 1)] $Second,
        [Parameter(Position = 0)] $First
    )
    "First=$First Second=$Second"
}
Pos a b
Pos -Second s f
