(1).GetType()
