$null = New-Item -ItemType Directory filt-golden -Force
'x' | Set-Content filt-golden/one.log
'y' | Set-Content filt-golden/two.txt
'z' | Set-Content filt-golden/three.log
Get-ChildItem filt-golden -Filter *.log -Name
Get-ChildItem filt-golden -Exclude *.log -Name
Get-ChildItem filt-golden/*.txt -Name
Remove-Item filt-golden -Recurse
