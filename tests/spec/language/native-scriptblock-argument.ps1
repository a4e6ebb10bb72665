# a script block given to a native program is passed as its text in braces (no wildcard expansion);
# $OutputEncoding, what piped text is encoded as, is UTF-8 without a BOM
& /bin/sh -c 'for a in "$@"; do printf "<%s>" "$a"; done; echo' sh a {get-date} { $_ * 2 }
$OutputEncoding.BodyName
$OutputEncoding.GetPreamble().Length
