def outer(a):
    b = 1
    def inner(c):
        return a + b + c
    return inner
def counter():
    count = [0]
    def inc():
        count[0] += 1
        return count[0]
    return inc
def deep(x):
    def mid():
        def innermost():
            return x
        return innermost
    return mid
def shadow(x):
    def g(x):
        return x
    return g
def several(a, b, c, d):
    def f():
        return d, c, b, a
    return f
