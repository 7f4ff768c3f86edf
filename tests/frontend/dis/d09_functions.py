def f():
    pass
def g(a, b=1, *args, **kw):
    """Doc of g."""
    return a + b
def h(a, (b, c), d=(1, 2)):
    return a, b, c, d
def k(*args):
    return args
@dec
@dec2(1)
def m(x):
    return
def n():
    return None
def o():
    x = 1
    y = x
    del y
    return x
