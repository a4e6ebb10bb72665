$people = [pscustomobject]@{ Name = 'Ann'; Age = 30 }, [pscustomobject]@{ Name = 'Bob'; Age = 25 }
$people.Name
$people.Count
('a', 'bb', 'ccc').Length
('a', 'bb').ToUpper()
