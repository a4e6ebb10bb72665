@{ only = 'one' }
