def g():
    x = yield
    y = yield 1
    f((yield))
    yield
