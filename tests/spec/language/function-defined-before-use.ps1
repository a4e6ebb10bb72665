Foo
function Foo { 'x' }
Foo
