f = lambda (a, b), c=1: a
