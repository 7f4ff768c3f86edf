def f(a, (b, c)=(1, 2), *args, **kw):
    pass
