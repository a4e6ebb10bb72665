function F { 'start'; 1/$zero; 'end' }
$zero = 0
F
