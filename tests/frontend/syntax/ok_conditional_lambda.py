f = lambda: 1 if x else 2
