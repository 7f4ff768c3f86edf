def gen():
    yield 1
    yield
    x = yield 2
    return
def gen2(n):
    for i in range(n):
        yield i
l = lambda: (yield)
