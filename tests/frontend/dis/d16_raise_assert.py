def f(x):
    if x:
        raise
    raise ValueError
    raise ValueError, "msg"
    raise ValueError, "msg", tb
assert x
assert x, "message"
assert x, (1, 2)
