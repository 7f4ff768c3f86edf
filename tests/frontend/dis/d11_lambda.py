f = lambda: 0
g = lambda x, y=2: x * y
h = lambda *a, **k: (a, k)
def outer(n):
    return lambda x: x + n
k = lambda (a, b): a + b
