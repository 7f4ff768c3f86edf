def f(a, (b, c), (d, (e, g))=((1, 2), (3, (4, 5)))):
    def h():
        return a, b, c, d, e, g
    return h
lam = lambda (x, y), z=1: x + y + z
def k((a, b)):
    return lambda: a
