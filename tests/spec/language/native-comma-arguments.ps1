# An array written with commas reaches a native program as the text it was written as: the elements with
# their commas, split where the source had white space
$sh = '/bin/sh'
& $sh -c 'for a in "$@"; do printf "<%s>" "$a"; done; echo' sh 1,2,3
& $sh -c 'for a in "$@"; do printf "<%s>" "$a"; done; echo' sh 1, 2
& $sh -c 'for a in "$@"; do printf "<%s>" "$a"; done; echo' sh 1 , 2,3
& $sh -c 'for a in "$@"; do printf "<%s>" "$a"; done; echo' sh 'a b',c
