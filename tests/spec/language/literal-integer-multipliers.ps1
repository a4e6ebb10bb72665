1kb
1mb
1gb
1tb
1pb
(1gb).GetType().Name
(1tb).GetType().Name
