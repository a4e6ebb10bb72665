'one two three', 'four five' | Measure-Object -Line -Word -Character
