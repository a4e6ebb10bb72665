5 -eq 5
5 -ne 5
5 -gt 3
5 -ge 5
3 -lt 5
5 -le 4
