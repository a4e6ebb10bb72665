function Show-Args { "count: $($args.Count)"; "first: $($args[0])"; "last: $($args[-1])" }
Show-Args one two three
