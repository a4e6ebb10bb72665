Write-Output 'one' && Write-Output 'two'
Write-Error 'fail' -ErrorAction SilentlyContinue || Write-Output 'recovered'
sh -c 'exit 1' && Write-Output 'not printed'
sh -c 'exit 1' || Write-Output 'native failed'
