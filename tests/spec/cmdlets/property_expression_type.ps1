# [PSPropertyExpression]: names, wildcards and script blocks as a parameter type with GetValues/ResolveNames
function Get-Total {
    param([Parameter(Mandatory, Position = 0)][PSPropertyExpression] $Expr,
          [Parameter(ValueFromPipeline)] $InputObject)
    begin { $total = 0 }
    process { $total += ($Expr.GetValues($InputObject).Result | Measure-Object -Sum).Sum }
    end { $total }
}
1..4 | ForEach-Object { [pscustomobject]@{ Size = $_; Side = 10 } } | Get-Total Si*
1..4 | Get-Total { $_ * 3 }
(1..3).ForEach{ @{ width = $_ } } | Get-Total wid*
$pe = [PSPropertyExpression]'N*'
$pe.HasWildCardCharacters
$pe.ResolveNames([pscustomobject]@{ Name = 1; Other = 2; Note = 3 }) | ForEach-Object ToString
$r = ([PSPropertyExpression]{ $_.Length }).GetValues('hello')
$r[0].Result
$null -eq $r[0].Exception
$pe.GetType().FullName
