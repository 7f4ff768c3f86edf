a, b = b, a
a, b, c = c, b, a
a, = b,
[a, b] = [b, a]
def f():
    x, y = y, x
    return x
