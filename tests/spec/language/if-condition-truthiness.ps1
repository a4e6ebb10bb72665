if (@()) { 'empty array true' } else { 'empty array false' }
if ('') { 'x' } else { 'empty string false' }
if ('0') { 'string 0 true' }
if (0) { 'x' } else { 'zero false' }
if ($null) { 'x' } else { 'null false' }
if (@(0)) { 'x' } else { 'array of one zero false' }
