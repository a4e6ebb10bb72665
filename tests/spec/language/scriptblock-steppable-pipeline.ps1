# $sb.GetSteppablePipeline(): Begin / Process / End return each step's output (what begin wrote comes with the
# first Process); the clean blocks run after End or when a step fails, once
$log = [System.Collections.Generic.List[string]]::new()
$inner = {
    begin { 'begun' }
    process { "item $_" }
    end { 'ended' }
    clean { $log.Add('clean') }
}
$step = { & $inner | ForEach-Object { $_.ToUpper() } }.GetSteppablePipeline()
$step.Begin($true)
$step.Process('x') -join '|'
$step.Process('y') -join '|'
$step.End() -join '|'
$step.Clean()
$step.Dispose()
"log: $($log -join ',')"
$failing = { process { throw "failed on $_" } clean { $log.Add('clean after failure') } }
$step = { & $failing }.GetSteppablePipeline()
$step.Begin($true)
try { $step.Process(7) } catch { "caught: $($_.Exception.Message)" }
"log: $($log -join ',')"
try { { 1; 2 }.GetSteppablePipeline() } catch { $_.Exception.InnerException.GetType().Name }
