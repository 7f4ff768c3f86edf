def g():
    yield 1
    return
