function Test-Switch { param([switch]$Force) if ($Force) { 'forced' } else { 'gentle' }; $Force.IsPresent }
Test-Switch
Test-Switch -Force
Test-Switch -Force:$false
