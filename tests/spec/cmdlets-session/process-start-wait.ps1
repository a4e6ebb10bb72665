Start-Process sh -ArgumentList '-c "echo from child"' -Wait -NoNewWindow
'after'
