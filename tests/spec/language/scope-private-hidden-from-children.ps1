$private:secret = 'hidden'
$visible = 'shown'
function Peek { "secret=[$secret] visible=[$visible]" }
Peek
"here: $secret"
