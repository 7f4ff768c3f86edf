@a.b.c(1, *x, **y)
def f():
    pass
